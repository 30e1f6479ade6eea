package io.tierdesk.sla.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.sla.domain.BusinessCalendar;
import io.tierdesk.sla.domain.CalendarDraft;
import io.tierdesk.sla.domain.SlaDecider;
import io.tierdesk.sla.domain.SlaPolicy;
import io.tierdesk.sla.domain.SlaTicket;
import io.tierdesk.sla.domain.TicketFact;
import io.tierdesk.sla.domain.VendorTerms;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Duration;

/**
 * Runs the clocks: a fact about a ticket, or time passing, under the ticket's row lock; the new state, its timers
 * and the SLA events in the caller's transaction. A warning or breach is recorded in the state it is announced with,
 * so whoever takes the lock next — a redelivery, another instance's timer loop — finds it done.
 */
@ApplicationScoped
public class SlaClocks {
    public static final String STREAM = "sla";
    static final String ACTOR = "sla-monitor";

    private final SlaSettings settings;
    private final EventStore store;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer firingDelay;

    private final QualityProjection quality;
    /** Told of the earliest moment a decision wrote, after it is written (the timers' loop, to wake for it). */
    private volatile Consumer<Instant> newMoment = at -> { };

    public SlaClocks(SlaSettings settings, EventStore store, Clock clock, MeterRegistry registry,
            QualityProjection quality) {
        this.settings = settings;
        this.quality = quality;
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.firingDelay = Timer.builder("tierdesk.sla.firing.delay")
                .description("from the moment a warning or breach fell due to its announcement")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
    }

    /** A ticket as stored, with its stream's version and the version of its calendar in force. */
    record Stored(SlaTicket ticket, long version, Long calendarVersion) {
    }

    /** Whoever wants to hear of each new earliest moment; one listener, set at start. */
    public void onNewMoment(Consumer<Instant> listener) {
        this.newMoment = listener;
    }

    /** A fact about a ticket, as one of a poll's. */
    public record Fact(UUID ticketId, TicketFact fact) {
    }

    /** The facts a poll's events are, in order; an event {@code fact} answers null for moves no clock. */
    public <E> Uni<Void> applyAll(Mutiny.Session session, List<Delivered<E>> events, Function<E, UUID> ticket,
            Function<E, TicketFact> fact) {
        List<Fact> facts = new ArrayList<>();
        for (Delivered<E> delivered : events) {
            TicketFact f = fact.apply(delivered.event());
            if (f != null) {
                facts.add(new Fact(ticket.apply(delivered.event()), f));
            }
        }
        return applyAll(session, facts);
    }

    public Uni<Void> apply(Mutiny.Session session, UUID ticketId, TicketFact fact) {
        return applyAll(session, List.of(new Fact(ticketId, fact)));
    }

    /**
     * A poll's facts, in order, in the caller's transaction: the tickets' rows made where missing and locked in one
     * statement each (in ticket order, as every locker here takes them), each plan's policy and each calendar read
     * once, every fact decided on the state the one before left, and the outcome written by {@link #saveAll}.
     */
    public Uni<Void> applyAll(Mutiny.Session session, List<Fact> given) {
        if (given.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return vendorCalendars(session, given).chain(facts -> decideAll(session, facts));
    }

    /**
     * The facts with each vendor case's calendar read in: the vendor's clocks keep it as it is now. A calendar that
     * does not exist (the router cannot know sla-monitor's) counts around the clock rather than stopping the stream.
     */
    private Uni<List<Fact>> vendorCalendars(Mutiny.Session session, List<Fact> facts) {
        Set<String> ids = new TreeSet<>();
        facts.stream().filter(f -> f.fact() instanceof TicketFact.VendorEngaged)
                .forEach(f -> ids.add(((TicketFact.VendorEngaged) f.fact()).terms().calendarId()));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(facts);
        }
        Map<String, BusinessCalendar> found = new HashMap<>();
        Uni<Void> read = Uni.createFrom().voidItem();
        for (String id : ids) {
            read = read.chain(() -> settings.calendar(session, id)
                    .invoke(calendar -> found.put(id, calendar.orElse(BusinessCalendar.alwaysOpen())))
                    .replaceWithVoid());
        }
        return read.map(done -> facts.stream().map(f -> f.fact() instanceof TicketFact.VendorEngaged engaged
                ? new Fact(f.ticketId(), new TicketFact.VendorEngaged(VendorTerms.of(engaged.terms().vendorId(),
                        engaged.terms().caseReference(), engaged.terms().response(), engaged.terms().resolution(),
                        found.get(engaged.terms().calendarId())), engaged.at()))
                : f).toList());
    }

    private Uni<Void> decideAll(Mutiny.Session session, List<Fact> facts) {
        Instant now = clock.instant();
        List<UUID> ids = facts.stream().map(Fact::ticketId).distinct().sorted().toList();
        return lockAll(session, ids).chain(stored -> {
            Set<String> plans = new TreeSet<>();
            for (Fact f : facts) {
                if (f.fact() instanceof TicketFact.Opened opened && !stored.get(f.ticketId()).ticket().opened()) {
                    plans.add(opened.plan());
                }
            }
            Map<String, SlaPolicy> policies = new HashMap<>();
            Uni<Void> read = Uni.createFrom().voidItem();
            for (String plan : plans) {
                read = read.chain(() -> settings.policy(session, plan).invoke(found -> policies.put(plan, found
                        .orElseThrow(() -> new IllegalStateException("no policy for plan " + plan)))).replaceWithVoid());
            }
            return read.chain(() -> {
                // After the policies are read: a plan opened in this poll brings its calendar.
                Map<String, Long> versions = new TreeMap<>();
                stored.values().stream().filter(t -> t.ticket().opened())
                        .forEach(t -> versions.putIfAbsent(t.ticket().policy().calendar(), t.calendarVersion()));
                policies.values().forEach(p -> versions.putIfAbsent(p.calendar(), null));
                return calendars(session, versions);
            }).chain(calendars -> {
                Map<UUID, SlaTicket> state = new HashMap<>();
                Map<UUID, List<SlaEvent>> events = new HashMap<>();
                stored.forEach((id, t) -> state.put(id, t.ticket()));
                for (Fact f : facts) {
                    SlaTicket ticket = state.get(f.ticketId());
                    SlaPolicy policy = ticket.opened() ? ticket.policy()
                            : f.fact() instanceof TicketFact.Opened opened ? policies.get(opened.plan()) : null;
                    BusinessCalendar calendar = policy == null ? BusinessCalendar.alwaysOpen()
                            : calendars.get(policy.calendar());
                    SlaDecider.Decision decision = SlaDecider.decide(ticket, f.fact(), policy, calendar, now);
                    state.put(f.ticketId(), decision.ticket());
                    events.computeIfAbsent(f.ticketId(), id -> new ArrayList<>()).addAll(decision.events());
                }
                List<Decided> decided = ids.stream().map(id -> {
                    SlaTicket after = state.get(id);
                    BusinessCalendar calendar = after.opened() ? calendars.get(after.policy().calendar())
                            : BusinessCalendar.alwaysOpen();
                    return new Decided(stored.get(id), new SlaDecider.Decision(after, events.get(id)), calendar);
                }).toList();
                return saveAll(session, decided, now);
            });
        });
    }

    /** The tickets' rows, created for those never seen, locked for this transaction, by id. */
    private Uni<Map<UUID, Stored>> lockAll(Mutiny.Session session, List<UUID> ids) {
        String[] keys = ids.stream().map(UUID::toString).toArray(String[]::new);
        // Two transactions inserting the same new ticket insert it once; in ticket order, so they never deadlock.
        return SqlRows.execute(session, """
                        INSERT INTO sla_ticket (ticket_id, state, updated_at)
                        SELECT x.id, CAST(x.state AS jsonb), ?3
                        FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[])) AS x(id, state)
                        ORDER BY x.id ON CONFLICT (ticket_id) DO NOTHING""", keys,
                        ids.stream().map(id -> SqlRows.json(SlaTicket.unseen(id))).toArray(String[]::new), clock.instant())
                // The calendar's version in force comes with the row, so that a calendar read before is not read again.
                .chain(() -> SqlRows.select(session, """
                        SELECT CAST(state AS text) AS state, stream_version, (SELECT max(version) FROM calendar
                            WHERE id = state -> 'policy' ->> 'calendar') AS calendar_version
                        FROM sla_ticket WHERE ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))
                        ORDER BY ticket_id FOR UPDATE""", (Object) keys))
                .map(rows -> {
                    Map<UUID, Stored> stored = new HashMap<>();
                    rows.stream().map(SlaClocks::stored).forEach(t -> stored.put(t.ticket().ticketId(), t));
                    return stored;
                });
    }

    /**
     * Announces what is due on up to {@code limit} tickets, soonest first, in the caller's transaction: the tickets
     * are locked in one statement (those another transaction holds are skipped — it will see the same moments), and
     * their events, states and timers written in one statement each, so a burst of due moments costs a handful of
     * round trips per hundred tickets rather than per ticket.
     *
     * @return how many tickets were taken: fewer than {@code limit} when no more were due or free
     */
    public Uni<Integer> fireDue(Mutiny.Session session, int limit) {
        Instant now = clock.instant();
        return SqlRows.select(session, """
                        WITH due AS (SELECT ticket_id, min(due_at) AS due FROM sla_timer WHERE due_at <= ?1
                                     GROUP BY ticket_id ORDER BY due LIMIT ?2)
                        SELECT s.ticket_id, CAST(s.state AS text) AS state, s.stream_version,
                            (SELECT max(version) FROM calendar WHERE id = s.state -> 'policy' ->> 'calendar')
                                AS calendar_version
                        FROM sla_ticket s WHERE s.ticket_id IN (SELECT ticket_id FROM due)
                        ORDER BY s.ticket_id FOR UPDATE OF s SKIP LOCKED""", now, limit)
                .chain(rows -> {
                    List<Stored> taken = rows.stream().map(SlaClocks::stored)
                            .filter(stored -> stored.ticket().opened()).toList();
                    return terms(session, taken).chain(calendars -> {
                        List<Decided> decided = taken.stream().map(stored -> {
                            BusinessCalendar calendar = calendars.get(stored.ticket().policy().calendar());
                            return new Decided(stored, SlaDecider.fire(stored.ticket(), calendar, now), calendar);
                        }).toList();
                        return saveAll(session, decided, now);
                    }).replaceWith(rows.size());
                });
    }

    /** A ticket with its new state, as one of a batch. */
    private record Decided(Stored before, SlaDecider.Decision decision, BusinessCalendar calendar) {
    }

    /** The calendars of the tickets, each read once (from memory when its version is known here). */
    private Uni<Map<String, BusinessCalendar>> terms(Mutiny.Session session, List<Stored> tickets) {
        Map<String, Long> versions = new TreeMap<>();
        tickets.forEach(t -> versions.putIfAbsent(t.ticket().policy().calendar(), t.calendarVersion()));
        return calendars(session, versions);
    }

    /** Each of {@code versions} (a calendar's id and its version in force, null when not known) read once. */
    private Uni<Map<String, BusinessCalendar>> calendars(Mutiny.Session session, Map<String, Long> versions) {
        Map<String, BusinessCalendar> found = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Long> entry : versions.entrySet()) {
            chain = chain.chain(() -> calendar(session, entry.getKey(), entry.getValue())
                    .invoke(calendar -> found.put(entry.getKey(), calendar)).replaceWithVoid());
        }
        return chain.replaceWith(found);
    }

    /**
     * The one reader of calendars here: from memory when this instance has read {@code version} (the one in force
     * the ticket's row came with; null when not known), else from the database.
     */
    private Uni<BusinessCalendar> calendar(Mutiny.Session session, String id, Long version) {
        return settings.calendar(session, id, version).map(found -> found.orElseThrow(() ->
                new IllegalStateException("calendar " + id + " does not exist")));
    }

    /** The batch's events, states and timers, a statement each. */
    private Uni<Void> saveAll(Mutiny.Session session, List<Decided> batch, Instant now) {
        return saveAll(session, batch, now, false);
    }

    /** @param calendarChanged every ticket's timers are rewritten: they were computed on another calendar version */
    private Uni<Void> saveAll(Mutiny.Session session, List<Decided> batch, Instant now, boolean calendarChanged) {
        List<Decided> changed = batch.stream().filter(d -> calendarChanged || !d.decision().events().isEmpty()
                || !d.decision().ticket().equals(d.before().ticket())).toList();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        changed.forEach(d -> count(d.decision().events()));
        List<SlaDecider.Timer> timers = new ArrayList<>();
        List<String> timerTickets = new ArrayList<>();
        for (Decided d : changed) {
            for (SlaDecider.Timer timer : SlaDecider.timers(d.decision().ticket(), d.calendar())) {
                timers.add(timer);
                timerTickets.add(d.before().ticket().ticketId().toString());
            }
        }
        String[] ids = changed.stream().map(d -> d.before().ticket().ticketId().toString()).toArray(String[]::new);
        return store.appendToStreams(session, STREAM, changed.stream().map(d -> new EventStore.StreamAppend(
                        d.before().ticket().ticketId().toString(), d.before().version(), d.decision().events(),
                        EventMetadata.actor(ACTOR))).toList(), now)
                // The calendar version its timers count on: set with the ticket's first timers; later changes of
                // the calendar move it only through the re-timing, which says what moved.
                .chain(() -> SqlRows.execute(session, """
                                UPDATE sla_ticket s SET state = CAST(x.state AS jsonb), stream_version = x.version,
                                    tier = x.tier, updated_at = ?4,
                                    timers_calendar_version = CASE WHEN x.calendar_version < 0
                                        THEN s.timers_calendar_version
                                        ELSE coalesce(s.timers_calendar_version, x.calendar_version) END
                                FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[]),
                                    CAST(?3 AS bigint[]), CAST(?5 AS text[]), CAST(?6 AS bigint[]))
                                    AS x(id, state, version, tier, calendar_version)
                                WHERE s.ticket_id = x.id""", ids,
                        changed.stream().map(d -> SqlRows.json(d.decision().ticket())).toArray(String[]::new),
                        changed.stream().map(d -> d.before().version() + d.decision().events().size())
                                .toArray(Long[]::new), now,
                        changed.stream().map(d -> d.decision().ticket().tier()).toArray(String[]::new),
                        changed.stream().map(d -> d.decision().ticket().opened() ? d.calendar().version() : -1L)
                                .toArray(Long[]::new)))
                .chain(() -> SqlRows.execute(session,
                        "DELETE FROM sla_timer WHERE ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))", (Object) ids))
                .chain(() -> timers.isEmpty() ? Uni.createFrom().item(0) : SqlRows.execute(session, """
                                INSERT INTO sla_timer (ticket_id, clock, threshold, due_at)
                                SELECT * FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[]),
                                    CAST(?3 AS float8[]), CAST(CAST(?4 AS text[]) AS timestamptz[]))""",
                        timerTickets.toArray(String[]::new),
                        timers.stream().map(t -> t.clock().wireName()).toArray(String[]::new),
                        timers.stream().map(SlaDecider.Timer::threshold).toArray(Double[]::new),
                        timers.stream().map(t -> t.dueAt().toString()).toArray(String[]::new)))
                .chain(() -> quality.record(session, changed.stream().collect(Collectors.toMap(
                        d -> d.before().ticket().ticketId(), d -> d.decision().events()))))
                // The moment is later than now (what is due goes out in this decision): the loop wakes for it
                // rather than at its next look.
                .invoke(() -> timers.stream().map(SlaDecider.Timer::dueAt).min(Instant::compareTo)
                        .ifPresent(newMoment))
                .replaceWithVoid();
    }

    /**
     * A new version of a calendar, committed with a note that the tickets on it are to be re-timed: that happens
     * afterwards, a batch per transaction ({@link #retime}), so that one change never holds the oldest-transaction
     * mark every relay waits on, nor the clocks' locks, for the time it takes to go through every ticket.
     */
    public Uni<BusinessCalendar> changeCalendar(Mutiny.Session session, String id,
            CalendarDraft draft, String by) {
        Instant now = clock.instant();
        return settings.saveCalendar(session, id, draft, by, now)
                .call(change -> change.before().isEmpty() ? Uni.createFrom().voidItem() : SqlRows.execute(session, """
                        INSERT INTO calendar_retime (calendar_id, to_version, requested_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (calendar_id) DO UPDATE SET to_version = EXCLUDED.to_version,
                            requested_at = EXCLUDED.requested_at""", id, change.after().version(), now))
                .map(SlaSettings.CalendarChange::after);
    }

    /** The tickets {@code s} on calendar ?1 with moments to come computed on an older version of it. */
    private static final String STALE = """
            s.state -> 'policy' ->> 'calendar' = ?1
              AND s.timers_calendar_version < (SELECT max(version) FROM calendar WHERE id = ?1)
              AND EXISTS (SELECT 1 FROM sla_timer t WHERE t.ticket_id = s.ticket_id)""";

    /** Up to {@code limit} tickets on the calendar with timers of an older version, after {@code after}. */
    public Uni<List<UUID>> staleTickets(Mutiny.Session session, String calendarId, UUID after, int limit) {
        return SqlRows.select(session, "SELECT s.ticket_id FROM sla_ticket s WHERE " + STALE
                        + " AND s.ticket_id > ?2 ORDER BY s.ticket_id LIMIT ?3", calendarId, after, limit)
                .map(rows -> rows.stream().map(r -> r.uuid("ticket_id")).toList());
    }

    /**
     * Re-times the given tickets of the calendar whose timers were computed on an older version, in the caller's
     * transaction: each says so with {@code SlaClockRetimed} (a warning or breach the change puts in the past goes
     * out at once). Tickets another transaction holds are skipped, to be taken by a later round.
     *
     * @return how many tickets were re-timed
     */
    public Uni<Integer> retime(Mutiny.Session session, String calendarId, List<UUID> ticketIds) {
        Instant now = clock.instant();
        return settings.calendar(session, calendarId).chain(latest -> {
            if (latest.isEmpty() || ticketIds.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            BusinessCalendar after = latest.get();
            return SqlRows.select(session, """
                            SELECT s.ticket_id, CAST(s.state AS text) AS state, s.stream_version,
                                s.timers_calendar_version AS calendar_version
                            FROM sla_ticket s
                            WHERE s.ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[])) AND s.timers_calendar_version < ?2
                            ORDER BY s.ticket_id FOR UPDATE OF s SKIP LOCKED""",
                            ticketIds.stream().map(UUID::toString).toArray(String[]::new), after.version())
                    .chain(rows -> {
                        List<Stored> taken = rows.stream().map(SlaClocks::stored).toList();
                        Map<Long, BusinessCalendar> before = new HashMap<>();
                        Uni<Void> read = Uni.createFrom().voidItem();
                        for (Long version : taken.stream().map(Stored::calendarVersion).distinct().toList()) {
                            read = read.chain(() -> settings.calendarVersion(session, calendarId, version)
                                    .invoke(found -> before.put(version, found.orElse(after))).replaceWithVoid());
                        }
                        return read.chain(() -> {
                            List<Decided> decided = taken.stream().map(stored -> new Decided(stored,
                                    SlaDecider.retime(stored.ticket(), before.get(stored.calendarVersion()), after,
                                            now), after)).toList();
                            return saveAll(session, decided, now, true);
                        }).chain(() -> SqlRows.execute(session, """
                                        UPDATE sla_ticket SET timers_calendar_version = ?2
                                        WHERE ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))""",
                                taken.stream().map(t -> t.ticket().ticketId().toString()).toArray(String[]::new),
                                after.version()))
                                .replaceWith(rows.size());
                    });
        });
    }

    /** How many tickets on the calendar still have timers of an older version. */
    public Uni<Long> retimeRemaining(Mutiny.Session session, String calendarId) {
        return SqlRows.first(session, "SELECT count(*) AS remaining FROM sla_ticket s WHERE " + STALE, calendarId)
                .map(row -> row.number("remaining"));
    }

    /** The calendar's tickets without timers take its latest version: nothing of theirs needed re-timing. */
    public Uni<Void> retimeFinished(Mutiny.Session session, String calendarId, long version) {
        return SqlRows.execute(session, """
                        UPDATE sla_ticket SET timers_calendar_version = ?2
                        WHERE state -> 'policy' ->> 'calendar' = ?1 AND timers_calendar_version < ?2""",
                        calendarId, version)
                .chain(() -> SqlRows.execute(session,
                        "DELETE FROM calendar_retime WHERE calendar_id = ?1 AND to_version <= ?2", calendarId, version))
                .replaceWithVoid();
    }

    /** A ticket's clocks and the calendar they count on; empty when the ticket was never seen. */
    public record Seen(SlaTicket ticket, BusinessCalendar calendar) {
    }

    public Uni<Optional<Seen>> find(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT CAST(state AS text) AS state FROM sla_ticket WHERE ticket_id = ?1",
                ticketId).chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().item(Optional.<Seen>empty());
                    }
                    SlaTicket ticket = row.json("state", SlaTicket.class);
                    if (ticket.policy() == null) {
                        return Uni.createFrom().item(Optional.of(new Seen(ticket, BusinessCalendar.alwaysOpen())));
                    }
                    return calendar(session, ticket.policy().calendar(), null)
                            .map(calendar -> Optional.of(new Seen(ticket, calendar)));
                });
    }

    /** A running clock that falls due within the window. */
    public record AtRisk(UUID ticketId, String clock, Instant dueAt, String tier) {
    }

    /** Running clocks whose breach falls due before {@code until}, soonest first. */
    public Uni<List<AtRisk>> atRisk(Mutiny.Session session, Instant until, String tier,
            Paging page) {
        return SqlRows.select(session, """
                        SELECT t.ticket_id, t.clock, t.due_at, s.tier FROM sla_timer t
                        JOIN sla_ticket s ON s.ticket_id = t.ticket_id
                        WHERE t.threshold = 1 AND t.due_at <= ?1 AND (?2 = '' OR s.tier = ?2)
                        ORDER BY t.due_at, t.ticket_id, t.clock""" + page.sql(), until, tier == null ? "" : tier)
                .map(rows -> rows.stream().map(r -> new AtRisk(r.uuid("ticket_id"), r.text("clock"),
                        r.instant("due_at"), r.text("tier"))).toList());
    }

    private static Stored stored(SqlRows.Row row) {
        return new Stored(row.json("state", SlaTicket.class),
                row.number("stream_version"), row.numberOrNull("calendar_version"));
    }

    /** What went out, counted, and how late after its moment. */
    private void count(List<SlaEvent> events) {
        for (SlaEvent event : events) {
            Instant dueAt = switch (event) {
                case SlaWarningReached w -> w.warningDueAt();
                case SlaBreached b -> b.dueAt();
                default -> null;
            };
            if (dueAt != null) {
                registry.counter("tierdesk.sla.announced", "kind", event instanceof SlaBreached
                        ? "breach" : "warning").increment();
                firingDelay.record(Duration.between(dueAt, event.at()).isNegative() ? Duration.ZERO
                        : Duration.between(dueAt, event.at()));
            }
        }
    }

}
