package io.tierdesk.intake.projection;

import static io.tierdesk.eventing.store.SqlTime.instant;
import static io.tierdesk.eventing.store.SqlTime.utc;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.knowledge.KnowledgeEvent;
import io.tierdesk.events.notification.NotificationEvent;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.ResolutionConfirmed;
import io.tierdesk.events.ticket.SatisfactionRated;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketDiagnosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.intake.domain.Ticket;
import io.tierdesk.intake.domain.TicketDecider;
import io.tierdesk.intake.domain.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps {@code ticket_view} and {@code ticket_timeline} from {@code tierdesk.tickets}. The status moves by the
 * aggregate's own {@link Ticket#apply}, so the view can never disagree with the rules.
 */
@ApplicationScoped
public class TicketViewProjection {
    public static final String CONSUMER = "ticket-view";

    /** The last solution given; it stays when the ticket reopens, so the next line sees what was tried. */
    record Solution(String summary, UUID articleId, String by, Instant at) {
    }

    record Satisfaction(int rating, String comment, Instant at) {
    }

    private final Inbox inbox;

    public TicketViewProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("tickets")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumePoll(CONSUMER, batch, TicketEvent.class, this::applyPoll);
    }

    Uni<Void> applyPoll(Mutiny.Session session, List<Delivered<TicketEvent>> events) {
        return PollHandler.eachOf(this::apply).handle(session, events)
                .chain(() -> Timeline.record(session, events, d -> actor(d.event())));
    }

    Uni<Void> apply(Mutiny.Session session, Delivered<TicketEvent> delivered) {
        TicketEvent event = delivered.event();
        return event instanceof TicketOpened opened ? insert(session, opened, delivered.time())
                : update(session, event, delivered.time());
    }

    private Uni<Void> insert(Mutiny.Session session, TicketOpened e, Instant time) {
        return session.createNativeMutationQuery("INSERT INTO ticket_view (ticket_id, number, status, channel, "
                        + "customer_id, customer, plan, subject, body, diagnostics, stated_urgency, repeat_of, version, "
                        + "opened_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, CAST(CAST(?6 AS text) AS jsonb), ?7, ?8, "
                        + "?9, CAST(CAST(?10 AS text) AS jsonb), ?11, ?12, 1, ?13, ?13) ON CONFLICT (ticket_id) DO NOTHING")
                .setParameter(1, e.ticketId()).setParameter(2, e.number()).setParameter(3, wire(TicketStatus.NEW))
                .setParameter(4, e.channel().wireName()).setParameter(5, e.customer().externalId())
                .setParameter(6, SqlRows.json(e.customer())).setParameter(7, e.plan().wireName())
                .setParameter(8, e.subject()).setParameter(9, e.body()).setParameter(10, SqlRows.json(e.diagnostics()))
                .setParameter(11, e.statedUrgency() == null ? null : e.statedUrgency().wireName())
                .setParameter(12, e.repeatOf()).setParameter(13, utc(e.openedAt()))
                .executeUpdate().replaceWithVoid();
    }

    private Uni<Void> update(Mutiny.Session session, TicketEvent event, Instant time) {
        return SqlRows.first(session, """
                        SELECT number, status, version, resolved_at, closed_at FROM ticket_view
                        WHERE ticket_id = ?1 FOR UPDATE""", event.ticketId())
                .chain(row -> {
                    if (row == null) {
                        // Opened never arrived (dead-lettered or a partial replay): nothing to update.
                        return Uni.createFrom().voidItem();
                    }
                    Ticket before = new Ticket(event.ticketId(), row.text("number"), status(row.text("status")),
                            row.number("version"), row.instant("resolved_at"), row.instant("closed_at"), false);
                    Ticket after = before.apply(event);
                    String also = event instanceof TicketDiagnosed ? ", diagnostics = CAST(CAST(?7 AS text) AS jsonb), "
                            + "category = COALESCE(?8, category)"
                            : event instanceof TicketResolved ? ", solution = CAST(CAST(?7 AS text) AS jsonb)"
                            : event instanceof SatisfactionRated ? ", satisfaction = CAST(CAST(?7 AS text) AS jsonb)"
                            : "";
                    Mutiny.MutationQuery update = session.createNativeMutationQuery("UPDATE ticket_view SET status = ?2, "
                                    + "version = ?3, resolved_at = ?4, closed_at = ?5, updated_at = ?6" + also
                                    + " WHERE ticket_id = ?1")
                            .setParameter(1, event.ticketId()).setParameter(2, wire(after.status()))
                            .setParameter(3, after.version()).setParameter(4, utc(after.resolvedAt()))
                            .setParameter(5, utc(after.closedAt())).setParameter(6, utc(time));
                    if (event instanceof TicketDiagnosed d) {
                        update.setParameter(7, SqlRows.json(d.diagnostics())).setParameter(8, d.category());
                    } else if (event instanceof TicketResolved r) {
                        update.setParameter(7, SqlRows.json(new Solution(r.solutionSummary(), r.articleId(), r.agentId(),
                                r.resolvedAt())));
                    } else if (event instanceof SatisfactionRated r) {
                        update.setParameter(7, SqlRows.json(new Satisfaction(r.rating(), r.comment(), r.ratedAt())));
                    }
                    return update.executeUpdate().replaceWithVoid();
                });
    }

    /** Who acted, for the journal. */
    static String actor(TicketEvent event) {
        return switch (event) {
            case AgentReplied e -> e.agentId();
            case InternalNoteAdded e -> e.agentId();
            case TicketAwaitingCustomer e -> e.agentId();
            case TicketDiagnosed e -> e.agentId();
            case TicketResolved e -> e.agentId();
            case TicketClosed e -> e.closedBy();
            case TicketReopened e -> e.by();
            case TicketOpened e -> TicketDecider.CUSTOMER;
            case CustomerMessageReceived e -> TicketDecider.CUSTOMER;
            case ResolutionConfirmed e -> TicketDecider.CUSTOMER;
            case SatisfactionRated e -> TicketDecider.CUSTOMER;
        };
    }

    static String wire(TicketStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static TicketStatus status(String wire) {
        return TicketStatus.valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The agents' view and the journal, for their rebuild from the five topics the view consumes. */
    @Produces
    @Singleton
    static RebuildableProjection rebuildable(TicketViewProjection view, TicketFactsProjection facts) {
        // The journal's position is the order intake received the events in, not something they say.
        return new RebuildableProjection(CONSUMER, List.of(Table.of("ticket_view"), Table.of("ticket_timeline", "position"),
                Table.of("ticket_routing"), Table.of("ticket_sla_clock"), Table.of("ticket_suggestion")), List.of(
                new Source<>("tickets", CONSUMER, TicketEvent.class, view::applyPoll),
                new Source<>("routing", CONSUMER, RoutingEvent.class, facts::routingPoll),
                new Source<>("sla", CONSUMER, SlaEvent.class, facts::slaPoll),
                new Source<>("knowledge", CONSUMER, KnowledgeEvent.class, facts::knowledgePoll),
                new Source<>("notifications", CONSUMER, NotificationEvent.class, facts::notificationsPoll)));
    }
}
