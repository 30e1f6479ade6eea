package io.tierdesk.notification.application;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.VersionedSettings;
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

    private static final VersionedSettings<NotificationRules> STORE = VersionedSettings.of(
            new VersionedSettings.Table("notification_rules", null, "rules", "changed_by", "changed_at"),
            NotificationRules.class);

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
        return sessions.withSession(session -> STORE.latest(session, null))
                .invoke(found -> found.filter(v -> v.version() > current.version())
                        .ifPresent(v -> current = new Versioned(v.version(), v.body())))
                .replaceWithVoid();
    }

    /** Saves checked rules as the next version; a concurrent save of the same version is a 409. */
    public Uni<Versioned> save(Mutiny.Session session, NotificationRules rules, String by, Instant at) {
        return STORE.latest(session, null)
                .chain(latest -> STORE.save(session, null, latest.map(VersionedSettings.Version::version).orElse(0L)
                        + 1, rules, by, at))
                .map(saved -> {
                    current = new Versioned(saved.version(), rules);
                    return current;
                });
    }
}
