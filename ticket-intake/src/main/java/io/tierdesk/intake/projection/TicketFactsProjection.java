package io.tierdesk.intake.projection;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.knowledge.KnowledgeEvent;
import io.tierdesk.events.knowledge.SolutionsSuggested;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.FieldWork;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockPaused;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockRetimed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlTime;
import io.tierdesk.events.notification.NotificationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the other services say about tickets, for the agents' view and the journal: routing (priority, tier, owner,
 * assignee), SLA clocks, suggested articles, notifications sent and failed. Each fact has its own table, so it may arrive before the ticket.
 */
@ApplicationScoped
public class TicketFactsProjection {
    private final Inbox inbox;

    public TicketFactsProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("routing")
    public Uni<Void> onRouting(Message<List<byte[]>> batch) {
        return inbox.consumePoll(TicketViewProjection.CONSUMER, batch, RoutingEvent.class, this::routingPoll);
    }

    @Incoming("sla")
    public Uni<Void> onSla(Message<List<byte[]>> batch) {
        return inbox.consumePoll(TicketViewProjection.CONSUMER, batch, SlaEvent.class, this::slaPoll);
    }

    @Incoming("knowledge")
    public Uni<Void> onKnowledge(Message<List<byte[]>> batch) {
        return inbox.consumePoll(TicketViewProjection.CONSUMER, batch, KnowledgeEvent.class, this::knowledgePoll);
    }

    /** What the customer and the staff were told, and what could not be told: journaled as it is. */
    @Incoming("notifications")
    public Uni<Void> onNotifications(Message<List<byte[]>> batch) {
        return inbox.consumePoll(TicketViewProjection.CONSUMER, batch, NotificationEvent.class,
                this::notificationsPoll);
    }

    Uni<Void> routingPoll(Mutiny.Session session, List<Delivered<RoutingEvent>> events) {
        return routingRows(session, events).chain(() -> PollHandler.eachOf(this::routing).handle(session, events))
                .chain(() -> Timeline.record(session, events, TicketFactsProjection::routingActor));
    }

    Uni<Void> slaPoll(Mutiny.Session session, List<Delivered<SlaEvent>> events) {
        return clocks(session, events).chain(() -> Timeline.record(session, events, TicketFactsProjection::source));
    }

    Uni<Void> knowledgePoll(Mutiny.Session session, List<Delivered<KnowledgeEvent>> events) {
        List<Delivered<KnowledgeEvent>> suggested = events.stream()
                .filter(d -> d.event() instanceof SolutionsSuggested).toList();
        // The articles' own life is knowledge-service's; a ticket's timeline shows what was suggested for it.
        return suggestions(session, suggested)
                .chain(() -> Timeline.record(session, suggested, TicketFactsProjection::source));
    }

    Uni<Void> notificationsPoll(Mutiny.Session session, List<Delivered<NotificationEvent>> events) {
        return Timeline.record(session, events, TicketFactsProjection::source);
    }

    Uni<Void> routing(Mutiny.Session session, Delivered<RoutingEvent> delivered) {
        Fact fact = switch (delivered.event()) {
            // Changes no fact of the ticket; the journal shows that a supervisor was called in.
            case SupervisorAlerted e -> null;
            // The vendor's answer is the journal's; the ticket stays where it is.
            case VendorUpdateRecorded e -> null;
            // Visits and remote sessions are the journal's too.
            case FieldWork e -> null;
            case TicketTriaged e -> new Fact("priority = ?2, category = ?3, skill = ?4, "
                    + "tier = COALESCE(ticket_routing.tier, ?5)",
                    e.priority().name(), e.category(), e.skill(), e.tier().name());
            case TicketQueued e -> new Fact("tier = ?2, queued = true, assignee = NULL", e.tier().name());
            // The first L1 assignee becomes the owner and stays the customer's contact after escalation.
            case TicketAssigned e -> new Fact("tier = ?2, assignee = ?3, queued = false, "
                    + "owner = COALESCE(ticket_routing.owner, CASE WHEN ?2 = 'L1' THEN ?3 END)",
                    e.tier().name(), e.agentId());
            case TicketEscalated e -> new Fact("tier = ?2, assignee = NULL", e.toTier().name());
            case TicketReturned e -> new Fact("tier = ?2, assignee = NULL", e.toTier().name());
        };
        if (fact == null) {
            return Uni.createFrom().voidItem();
        }
        return update(session, delivered.event().ticketId(), fact.set(), fact.values(), delivered);
    }

    /** Who did it, for the journal: the agent or supervisor the event names, else the publishing service. */
    private static String routingActor(Delivered<RoutingEvent> delivered) {
        String by = switch (delivered.event()) {
            case SupervisorAlerted e -> null;
            case TicketTriaged e -> e.triagedBy();
            case TicketQueued e -> null;
            case TicketAssigned e -> e.assignedBy();
            case TicketEscalated e -> e.by();
            case TicketReturned e -> e.by();
            case VendorUpdateRecorded e -> e.by();
            case FieldWork e -> e.by();
        };
        return by != null ? by : source(delivered);
    }

    /** What a routing event sets on the ticket's routing row. */
    private record Fact(String set, Object... values) {
    }

    /** A clock's row as the poll leaves it: the last state, the latest policy and due time any event named. */
    private static final class ClockRow {
        String state;
        String policy;
        Instant dueAt;
        Instant at;
    }

    /** The poll's SLA events folded per ticket and clock, then one upsert for all of them. */
    private static Uni<Void> clocks(Mutiny.Session session, List<Delivered<SlaEvent>> events) {
        Map<List<String>, ClockRow> rows = new LinkedHashMap<>();
        for (Delivered<SlaEvent> delivered : events) {
            SlaEvent event = delivered.event();
            ClockRow row = rows.computeIfAbsent(List.of(event.ticketId().toString(), event.clock()), k -> new ClockRow());
            row.state = switch (event) {
                case SlaClockPaused e -> "paused";
                case SlaWarningReached e -> "warning";
                case SlaBreached e -> "breached";
                case SlaMet e -> "met";
                case SlaClockStarted e -> "running";
                case SlaClockResumed e -> "running";
                // A new due time; without one the clock is paused short of it.
                case SlaClockRetimed e -> e.dueAt() == null ? "paused" : "running";
            };
            if (event instanceof SlaClockStarted started && started.policy() != null) {
                row.policy = started.policy();
            }
            if (event.dueAt() != null) {
                row.dueAt = event.dueAt();
            }
            row.at = event.at();
        }
        List<List<String>> keys = List.copyOf(rows.keySet());
        List<ClockRow> values = keys.stream().map(rows::get).toList();
        return SqlRows.execute(session, """
                        INSERT INTO ticket_sla_clock (ticket_id, clock, state, policy, due_at, updated_at)
                        SELECT CAST(x.id AS uuid), x.clock, x.state, x.policy, CAST(x.due_at AS timestamptz),
                            CAST(x.at AS timestamptz)
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                            CAST(?5 AS text[]), CAST(?6 AS text[])) AS x(id, clock, state, policy, due_at, at)
                        ON CONFLICT (ticket_id, clock) DO UPDATE SET state = EXCLUDED.state,
                            policy = COALESCE(EXCLUDED.policy, ticket_sla_clock.policy),
                            due_at = COALESCE(EXCLUDED.due_at, ticket_sla_clock.due_at),
                            updated_at = EXCLUDED.updated_at""",
                        keys.stream().map(List::getFirst).toArray(String[]::new),
                        keys.stream().map(List::getLast).toArray(String[]::new),
                        values.stream().map(r -> r.state).toArray(String[]::new),
                        values.stream().map(r -> r.policy).toArray(String[]::new),
                        // As ISO-8601 text: the driver binds no array of timestamps from a native query.
                        values.stream().map(r -> r.dueAt == null ? null : r.dueAt.toString()).toArray(String[]::new),
                        values.stream().map(r -> r.at.toString()).toArray(String[]::new))
                .replaceWithVoid();
    }

    /** The poll's suggestions, the last per ticket, in one upsert. */
    private static Uni<Void> suggestions(Mutiny.Session session, List<Delivered<KnowledgeEvent>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, SolutionsSuggested> last = new LinkedHashMap<>();
        events.forEach(d -> {
            SolutionsSuggested e = (SolutionsSuggested) d.event();
            last.put(e.ticketId(), e);
        });
        List<SolutionsSuggested> rows = List.copyOf(last.values());
        return SqlRows.execute(session, """
                        INSERT INTO ticket_suggestion (ticket_id, articles, suggested_at)
                        SELECT CAST(x.id AS uuid), CAST(x.articles AS jsonb), CAST(x.at AS timestamptz)
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[])) AS x(id, articles, at)
                        ON CONFLICT (ticket_id) DO UPDATE SET articles = EXCLUDED.articles,
                            suggested_at = EXCLUDED.suggested_at""",
                        rows.stream().map(e -> e.ticketId().toString()).toArray(String[]::new),
                        rows.stream().map(e -> SqlRows.json(e.articles())).toArray(String[]::new),
                        rows.stream().map(e -> e.suggestedAt().toString()).toArray(String[]::new))
                .replaceWithVoid();
    }

    /** An UPDATE of the ticket's routing row, which {@link #routingRows} made sure exists. */
    private static Uni<Void> update(Mutiny.Session session, UUID ticketId, String set, Object[] values,
            Delivered<?> delivered) {
        Mutiny.MutationQuery update = session.createNativeMutationQuery("UPDATE ticket_routing SET " + set
                + ", updated_at = ?" + (values.length + 2) + " WHERE ticket_id = ?1");
        update.setParameter(1, ticketId);
        for (int i = 0; i < values.length; i++) {
            update.setParameter(i + 2, values[i]);
        }
        update.setParameter(values.length + 2, SqlTime.utc(delivered.time()));
        return update.executeUpdate().replaceWithVoid();
    }

    /**
     * An empty routing row for each ticket of the poll that has none, in one statement, so that one UPDATE per
     * event covers "first fact" and "later fact" alike.
     */
    private static Uni<Void> routingRows(Mutiny.Session session, List<Delivered<RoutingEvent>> events) {
        String[] tickets = events.stream().map(d -> d.event().ticketId().toString()).distinct().toArray(String[]::new);
        return SqlRows.execute(session, """
                        INSERT INTO ticket_routing (ticket_id, updated_at)
                        SELECT CAST(id AS uuid), ?2 FROM unnest(CAST(?1 AS text[])) AS id
                        ON CONFLICT (ticket_id) DO NOTHING""", tickets, events.getFirst().time())
                .replaceWithVoid();
    }

    private static String source(Delivered<?> delivered) {
        return delivered.envelope().source().replaceFirst("^/", "");
    }
}
