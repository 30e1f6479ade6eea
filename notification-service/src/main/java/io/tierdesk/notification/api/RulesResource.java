package io.tierdesk.notification.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.Topics;
import io.tierdesk.notification.application.NotificationRulesStore;
import io.tierdesk.notification.application.Templates;
import io.tierdesk.notification.domain.NotificationRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Which event notifies whom, through which medium: versioned, checked whole before it is saved. */
@Path("/api/v1/rules")
@RolesAllowed("admin")
public class RulesResource {
    /** The rules as an admin sends them; checked before they become {@link NotificationRules}. */
    public record RulesRequest(List<NotificationRules.Rule> rules) {
    }

    /** The rules in force and their version (0: the defaults). */
    public record RulesView(long version, List<NotificationRules.Rule> rules) {
    }

    /** The event types rules may name: those of the streams this service reads. */
    static final Set<String> EVENT_TYPES = EventCatalog.all().stream()
            .filter(t -> Set.of(Topics.TICKETS, Topics.ROUTING, Topics.SLA).contains(t.topic()))
            .map(t -> t.ceType()).collect(Collectors.toUnmodifiableSet());

    private final NotificationRulesStore store;
    private final Templates templates;
    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final Clock clock;

    public RulesResource(NotificationRulesStore store, Templates templates, Mutiny.SessionFactory sessions,
            SecurityIdentity identity, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    public RulesView get() {
        NotificationRulesStore.Versioned current = store.current();
        return new RulesView(current.version(), current.rules().rules());
    }

    @PUT
    public Uni<RulesView> put(RulesRequest body) {
        List<NotificationRules.Fault> faults = NotificationRules.check(body == null ? null : body.rules(),
                EVENT_TYPES, templates.kinds());
        if (!faults.isEmpty()) {
            throw Rejection.invalid(faults.stream().map(f -> new Rejection.Violation(f.field(), f.message()))
                    .toList());
        }
        NotificationRules rules = new NotificationRules(body.rules());
        return sessions.withTransaction(session -> store.save(session, rules, identity.getPrincipal().getName(),
                        clock.instant()))
                .map(saved -> new RulesView(saved.version(), saved.rules().rules()));
    }
}
