package io.tierdesk.sla.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.sla.domain.QualityReport;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.FieldWork;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
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
import io.tierdesk.sla.domain.QualityFact;
import io.tierdesk.sla.domain.QualityTicket;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Keeps what the quality report counts, one statement per event that matters, in the transaction that takes the
 * event in (the inbox's, or the one that appends an SLA outcome): redeliveries change nothing.
 */
@ApplicationScoped
public class QualityProjection {

    /** A poll of the ticket stream, as the consumer and the projection's rebuild apply it. */
    public Uni<Void> recordTickets(Mutiny.Session session, List<Delivered<TicketEvent>> events) {
        return PollHandler.<TicketEvent>eachOf((s, delivered) -> record(s, delivered.event())).handle(session, events);
    }

    /** A poll of the routing stream, as the consumer and the projection's rebuild apply it. */
    public Uni<Void> recordRouting(Mutiny.Session session, List<Delivered<RoutingEvent>> events) {
        return PollHandler.<RoutingEvent>eachOf((s, delivered) -> record(s, delivered.event())).handle(session, events);
    }

    public Uni<Void> record(Mutiny.Session session, TicketEvent event) {
        UUID id = event.ticketId();
        return switch (event) {
            case TicketOpened e -> run(session, """
                    INSERT INTO quality_ticket (ticket_id, plan, channel, opened_at, repeat_contact)
                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (ticket_id) DO UPDATE SET plan = EXCLUDED.plan,
                        channel = EXCLUDED.channel, opened_at = EXCLUDED.opened_at,
                        repeat_contact = EXCLUDED.repeat_contact""",
                    id, e.plan().wireName(), e.channel().wireName(), e.openedAt(), e.repeatOf() != null);
            case AgentReplied e -> spoke(session, id, e.repliedAt());
            case TicketAwaitingCustomer e -> spoke(session, id, e.askedAt());
            case TicketResolved e -> run(session, """
                    UPDATE quality_ticket SET resolved_at = ?2, resolved_tier = tier, agent = ?3
                    WHERE ticket_id = ?1""", id, e.resolvedAt(), e.agentId());
            case TicketReopened e -> run(session, """
                    WITH reopened AS (UPDATE quality_ticket SET resolved_at = NULL, resolved_tier = NULL,
                        closed_at = NULL, reopens = reopens + 1 WHERE ticket_id = ?1)
                    INSERT INTO quality_fact (ticket_id, kind, at) VALUES (?1, ?2, ?3)""",
                    id, QualityFact.Kind.REOPENED.name(), e.reopenedAt());
            case TicketClosed e -> run(session, "UPDATE quality_ticket SET closed_at = ?2 WHERE ticket_id = ?1",
                    id, e.closedAt());
            case SatisfactionRated e -> run(session, """
                    UPDATE quality_ticket SET rating = ?2, rated_at = ?3 WHERE ticket_id = ?1""",
                    id, e.rating(), e.ratedAt());
            case CustomerMessageReceived e -> none();
            case InternalNoteAdded e -> none();
            case TicketDiagnosed e -> none();
            case ResolutionConfirmed e -> none();
        };
    }

    public Uni<Void> record(Mutiny.Session session, RoutingEvent event) {
        UUID id = event.ticketId();
        // Routing may speak of a ticket before its opening arrives on the other topic: these create the row.
        return switch (event) {
            case TicketTriaged e -> line(session, id, e.tier().name());
            case TicketReturned e -> line(session, id, e.toTier().name()).chain(() -> e.fromTier() != Tier.L4 ? none()
                    : run(session, "UPDATE quality_vendor_case SET ended_at = ?2 WHERE ticket_id = ?1 AND ended_at IS NULL",
                            id, e.returnedAt()));
            case VendorUpdateRecorded e -> run(session, """
                    UPDATE quality_vendor_case SET answered_at = COALESCE(answered_at, ?2), updates = updates + 1,
                        resolved_at = CASE WHEN ?3 THEN COALESCE(resolved_at, ?2) ELSE resolved_at END
                    WHERE ticket_id = ?1 AND ended_at IS NULL AND case_reference = ?4""",
                    id, e.recordedAt(), e.resolved(), e.caseReference());
            case TicketEscalated e when e.vendor() != null -> escalated(session, e).chain(() -> run(session, """
                    INSERT INTO quality_vendor_case (ticket_id, escalated_at, vendor_id, case_reference)
                    VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""",
                    id, e.escalatedAt(), e.vendor().vendorId(), e.vendor().caseReference()));
            case TicketEscalated e -> escalated(session, e);
            case TicketAssigned e -> run(session, """
                    INSERT INTO quality_ticket (ticket_id, agent) VALUES (?1, ?2) ON CONFLICT (ticket_id) DO UPDATE
                    SET agent = CASE WHEN quality_ticket.resolved_at IS NULL THEN EXCLUDED.agent
                        ELSE quality_ticket.agent END""", id, e.agentId());
            case TicketQueued e -> none();
            case SupervisorAlerted e -> none();
            case FieldWork e -> none();
        };
    }

    private static Uni<Void> escalated(Mutiny.Session session, TicketEscalated e) {
        UUID id = e.ticketId();
        return run(session, """
                    WITH moved AS (INSERT INTO quality_ticket (ticket_id, tier) VALUES (?1, ?2)
                        ON CONFLICT (ticket_id) DO UPDATE SET tier = EXCLUDED.tier)
                    INSERT INTO quality_fact (ticket_id, kind, at, detail) VALUES (?1, ?3, ?4, ?5)""",
                    id, e.toTier().name(), QualityFact.Kind.ESCALATED.name(), e.escalatedAt(),
                    e.fromTier().name() + ">" + e.toTier().name());
    }

    /** The clocks met or breached among SLA events about to be appended, as facts of the same transaction. */
    Uni<Void> record(Mutiny.Session session, Map<UUID, List<SlaEvent>> eventsByTicket) {
        List<SlaEvent> outcomes = eventsByTicket.values().stream().flatMap(List::stream)
                .filter(e -> e instanceof SlaMet || e instanceof SlaBreached).toList();
        if (outcomes.isEmpty()) {
            return none();
        }
        return run(session, """
                INSERT INTO quality_fact (ticket_id, kind, at, detail)
                SELECT * FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[]),
                    CAST(CAST(?3 AS text[]) AS timestamptz[]), CAST(?4 AS text[]))""",
                outcomes.stream().map(e -> e.ticketId().toString()).toArray(String[]::new),
                outcomes.stream().map(e -> (e instanceof SlaMet ? QualityFact.Kind.SLA_MET
                        : QualityFact.Kind.SLA_BREACHED).name()).toArray(String[]::new),
                // A breach counts when the clock fell due, not when it was announced (later after downtime).
                outcomes.stream().map(e -> (e instanceof SlaBreached b ? b.dueAt() : e.at()).toString())
                        .toArray(String[]::new),
                outcomes.stream().map(e -> e instanceof SlaMet m ? m.clock() : ((SlaBreached) e).clock())
                        .toArray(String[]::new));
    }

    /** Tickets read per statement: a year's report holds one page of rows at a time, not the year. */
    static final int PAGE = 2_000;
    private static final UUID FIRST = new UUID(0L, 0L);

    /**
     * Feeds the report's builder: the tickets it may count, a page at a time in ticket order, then the facts of the
     * period as the database counts them per group, kind and detail.
     */
    public Uni<Void> feed(Mutiny.Session session, QualityReport.Query query, QualityReport.Builder builder) {
        return tickets(session, query, builder, FIRST).chain(() -> facts(session, query, builder));
    }

    private Uni<Void> tickets(Mutiny.Session session, QualityReport.Query query, QualityReport.Builder builder,
            UUID after) {
        return SqlRows.select(session, """
                        SELECT q.*, s.state -> 'policy' ->> 'calendar' AS calendar
                        FROM quality_ticket q LEFT JOIN sla_ticket s ON s.ticket_id = q.ticket_id
                        WHERE q.opened_at IS NOT NULL AND q.ticket_id > ?3
                          AND (?5 = '' OR q.plan = ?5) AND (?6 = '' OR q.tier = ?6) AND (?7 = '' OR q.channel = ?7)
                          AND (q.opened_at >= ?1 AND q.opened_at < ?2 OR q.resolved_at >= ?1 AND q.resolved_at < ?2
                            OR q.closed_at >= ?1 AND q.closed_at < ?2 OR q.rated_at >= ?1 AND q.rated_at < ?2
                            OR q.resolved_at IS NULL AND q.closed_at IS NULL)
                        ORDER BY q.ticket_id LIMIT ?4""", query.from(), query.to(), after, PAGE,
                        text(query.plan()), text(query.tier()), text(query.channel()))
                .chain(rows -> {
                    UUID last = null;
                    for (SqlRows.Row r : rows) {
                        builder.ticket(new QualityTicket(r.uuid("ticket_id"), r.text("plan"), r.text("channel"),
                                r.text("tier"), r.text("agent"), r.text("calendar"), r.instant("opened_at"),
                                r.bool("repeat_contact"), r.instant("first_response_at"),
                                (int) r.number("public_messages"), r.instant("resolved_at"), r.text("resolved_tier"),
                                (int) r.number("reopens"), r.instant("closed_at"),
                                r.numberOrNull("rating") == null ? null : r.numberOrNull("rating").intValue(),
                                r.instant("rated_at")));
                        last = r.uuid("ticket_id");
                    }
                    return rows.size() < PAGE ? Uni.createFrom().voidItem() : tickets(session, query, builder, last);
                });
    }

    private Uni<Void> facts(Mutiny.Session session, QualityReport.Query query, QualityReport.Builder builder) {
        // The fact's date (or week, from Monday) in the report's zone, as QualityReport.key gives it for tickets.
        String local = query.zone() instanceof ZoneOffset
                ? "((f.at AT TIME ZONE 'UTC') + make_interval(secs => CAST(CAST(?6 AS text) AS int)))" : "(f.at AT TIME ZONE ?6)";
        String key = query.groupBy() == null ? "''" : switch (query.groupBy()) {
            case DAY -> "to_char(" + local + ", 'YYYY-MM-DD')";
            case WEEK -> "to_char(date_trunc('week', " + local + "), 'YYYY-MM-DD')";
            case PLAN -> "q.plan";
            case TIER -> "q.tier";
            case CHANNEL -> "q.channel";
            case AGENT -> "coalesce(q.agent, '" + QualityReport.NO_AGENT + "')";
        };
        String zone = query.zone() instanceof ZoneOffset offset ? Integer.toString(offset.getTotalSeconds())
                : query.zone().getId();
        return SqlRows.select(session, """
                        SELECT %s AS key, f.kind, f.detail, count(*) AS n
                        FROM quality_fact f JOIN quality_ticket q ON q.ticket_id = f.ticket_id
                        WHERE f.at >= ?1 AND f.at < ?2 AND q.opened_at IS NOT NULL
                          AND (?3 = '' OR q.plan = ?3) AND (?4 = '' OR q.tier = ?4) AND (?5 = '' OR q.channel = ?5)
                          AND CAST(?6 AS text) IS NOT NULL
                        GROUP BY 1, 2, 3""".formatted(key), query.from(), query.to(), text(query.plan()),
                        text(query.tier()), text(query.channel()), zone)
                .invoke(rows -> rows.forEach(r -> builder.facts(r.text("key"),
                        QualityFact.Kind.valueOf(r.text("kind")), r.text("detail"), r.number("n"))))
                .replaceWithVoid();
    }

    /**
     * Per vendor, the cases opened in the period: how many, how many the vendor answered and resolved, the median
     * elapsed time to each (from the escalation), the vendor clocks breached within them, and how many came back.
     */
    public Uni<List<QualityReport.VendorFigures>> vendors(Mutiny.Session session, QualityReport.Query query) {
        return SqlRows.select(session, """
                        SELECT c.vendor_id, count(*) AS cases, count(c.answered_at) AS answered,
                            count(c.resolved_at) AS resolved, count(c.ended_at) AS returned,
                            CAST(round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY
                                extract(epoch FROM c.answered_at - c.escalated_at))) AS bigint) AS response_p50,
                            CAST(round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY
                                extract(epoch FROM c.resolved_at - c.escalated_at))) AS bigint) AS resolution_p50,
                            sum(b.response) AS response_breaches, sum(b.resolution) AS resolution_breaches
                        FROM quality_vendor_case c LEFT JOIN quality_ticket q ON q.ticket_id = c.ticket_id
                        CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE f.detail = 'vendor-response') AS response,
                                count(*) FILTER (WHERE f.detail = 'vendor-resolution') AS resolution
                            FROM quality_fact f WHERE f.ticket_id = c.ticket_id AND f.kind = 'SLA_BREACHED'
                              AND f.at >= c.escalated_at AND f.at < COALESCE(c.ended_at, 'infinity')) b
                        WHERE c.escalated_at >= ?1 AND c.escalated_at < ?2
                          AND (?3 = '' OR q.plan = ?3) AND (?4 = '' OR q.channel = ?4)
                        GROUP BY c.vendor_id ORDER BY c.vendor_id""", query.from(), query.to(), text(query.plan()),
                        text(query.channel()))
                .map(rows -> rows.stream().map(r -> new QualityReport.VendorFigures(r.text("vendor_id"),
                        r.number("cases"), r.number("answered"), millis(r.numberOrNull("response_p50")),
                        r.number("resolved"), millis(r.numberOrNull("resolution_p50")),
                        r.number("response_breaches"), r.number("resolution_breaches"), r.number("returned")))
                        .toList());
    }

    private static java.time.Duration millis(Long value) {
        return value == null ? null : java.time.Duration.ofMillis(value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Uni<Void> spoke(Mutiny.Session session, UUID id, Instant at) {
        return run(session, """
                UPDATE quality_ticket SET first_response_at = COALESCE(first_response_at, ?2),
                    public_messages = public_messages + 1 WHERE ticket_id = ?1""", id, at);
    }

    private static Uni<Void> line(Mutiny.Session session, UUID id, String tier) {
        return run(session, """
                INSERT INTO quality_ticket (ticket_id, tier) VALUES (?1, ?2)
                ON CONFLICT (ticket_id) DO UPDATE SET tier = EXCLUDED.tier""", id, tier);
    }

    private static Uni<Void> run(Mutiny.Session session, String sql, Object... parameters) {
        return SqlRows.execute(session, sql, parameters).replaceWithVoid();
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}
