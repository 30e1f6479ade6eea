package io.tierdesk.notification.application;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.notification.domain.NotificationRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import io.quarkus.vertx.VertxContextSupport;

/** The rules in force: the latest version saved, else the defaults; every version is kept. */
@ApplicationScoped
public class NotificationRulesStore {
    /** The rules and their version (0: the defaults, never saved). */
    public record Versioned(long version, NotificationRules rules) {
    }

    private final Mutiny.SessionFactory sessions;
    private volatile Versioned current = new Versioned(0, NotificationRules.DEFAULTS);

    public NotificationRulesStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    public Versioned current() {
        return current;
    }

    public Uni<Void> reload() {
        return sessions.withSession(session -> SqlRows.first(session, """
                        SELECT version, CAST(rules AS text) AS rules FROM notification_rules
                        ORDER BY version DESC LIMIT 1"""))
                .invoke(row -> {
                    if (row != null && row.number("version") > current.version()) {
                        current = new Versioned(row.number("version"), row.json("rules",
                                NotificationRules.class));
                    }
                })
                .replaceWithVoid();
    }

    /** Saves checked rules as the next version; a concurrent save of the same version fails on the key. */
    public Uni<Versioned> save(Mutiny.Session session, NotificationRules rules, String by, Instant at) {
        return SqlRows.first(session, """
                        INSERT INTO notification_rules (version, rules, changed_by, changed_at)
                        SELECT coalesce(max(version), 0) + 1, CAST(CAST(?1 AS text) AS jsonb), ?2, ?3
                        FROM notification_rules RETURNING version""",
                        SqlRows.json(rules), by, at)
                .map(row -> {
                    Versioned saved = new Versioned(row.number("version"), rules);
                    current = saved;
                    return saved;
                });
    }
}
