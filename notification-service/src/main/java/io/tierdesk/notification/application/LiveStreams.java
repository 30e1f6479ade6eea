package io.tierdesk.notification.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.tierdesk.eventing.domain.Rejection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What agents and supervisors hear, as it happens: one poller per replica reads the new stream deliveries in the
 * order their transactions became visible — {@code (transaction_id, seq)}, only below the oldest transaction still
 * running, as the relay reads events — and hands each to the connections of its recipient. A {@code seq} alone is
 * drawn at insert, not at commit: a notice drawn early and committed late would fall behind a position kept in
 * {@code seq} and never be sent. A reconnection with the last id it saw first reads what it missed from the table,
 * then goes on live without a gap or a repeat. While no stream is open on this replica the poller sleeps (an idle
 * platform's console-less hours cost no query); the first stream to open moves the position to what is visible then.
 */
@ApplicationScoped
public class LiveStreams {
    /** One notice on a stream; {@link #id()} is its SSE id. */
    public record Item(long transaction, long seq, String recipient, String kind, UUID ticketId, String subject,
            String text, Instant at) {
        public Position position() {
            return new Position(transaction, seq);
        }

        public String id() {
            return position().id();
        }
    }

    /** A place in the streams' order: after every notice of an earlier transaction, and of this one up to seq. */
    public record Position(long transaction, long seq) {
        /** Later in the streams' order than {@code other}. */
        boolean isAfter(Position other) {
            return transaction > other.transaction || transaction == other.transaction && seq > other.seq;
        }

        /** {@code transaction-seq}, the SSE id. */
        public String id() {
            return transaction + "-" + seq;
        }

        /** An SSE id this service sent, or null when it is not one. */
        public static Position parse(String id) {
            String[] parts = id.strip().split("-", 2);
            try {
                return parts.length == 2 ? new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]))
                        : new Position(-1, Long.parseLong(parts[0]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static final String COLUMNS = """
            SELECT CAST(CAST(transaction_id AS text) AS bigint) AS tx, seq, recipient, kind, ticket_id, subject, text,
                created_at FROM delivery""";
    private static final String SELECT = COLUMNS + """

            WHERE medium = 'stream' AND (transaction_id, seq) > (CAST(CAST(?1 AS text) AS xid8), ?2)
                AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            """;

    private static final String VISIBLE_END = """
            SELECT coalesce(CAST(CAST(max(transaction_id) AS text) AS bigint), 0) AS tx, coalesce(max(seq), 0) AS seq
            FROM delivery WHERE medium = 'stream' AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())""";

    /** The first item of every stream, sent as a comment: from here on every notice reaches it. */
    public static final String LIVE = "live";

    private final Mutiny.SessionFactory sessions;
    private final PeriodicJobs jobs;
    private final Duration interval;
    private final BroadcastProcessor<Item> live = BroadcastProcessor.create();
    /** The last position handed to the live connections: set before they get it, so a joiner's catch-up covers it. */
    private volatile Position handed = new Position(0, 0);
    /** No stream was open at the last poll: {@link #handed} may lag behind, and the next stream moves it first. */
    private boolean asleep = true;
    private final Counter reads;
    private final Counter sleeps;

    /** Open streams per caller and per replica; a caller past either gets a 429. */
    private final int perCaller;
    private final int total;
    /** The most notices a reconnection reads back; past it the client is told to resync instead. */
    private final int catchUpLimit;
    /** Notices held for one slow client; past it the stream ends and the client reconnects from its last id. */
    private final int buffer;
    private final ConcurrentHashMap<String, AtomicInteger> open =
            new ConcurrentHashMap<>();
    private final AtomicInteger openTotal = new AtomicInteger();

    public LiveStreams(Mutiny.SessionFactory sessions, PeriodicJobs jobs, MeterRegistry registry,
            @ConfigProperty(name = "tierdesk.notification.stream.poll-interval") Duration interval,
            @ConfigProperty(name = "tierdesk.notification.stream.max-per-caller", defaultValue = "5") int perCaller,
            @ConfigProperty(name = "tierdesk.notification.stream.max-total", defaultValue = "1000") int total,
            @ConfigProperty(name = "tierdesk.notification.stream.catch-up-limit", defaultValue = "500") int catchUpLimit,
            @ConfigProperty(name = "tierdesk.notification.stream.buffer", defaultValue = "256") int buffer) {
        this.sessions = sessions;
        this.jobs = jobs;
        this.interval = interval;
        this.perCaller = perCaller;
        this.total = total;
        this.catchUpLimit = catchUpLimit;
        this.buffer = buffer;
        this.reads = registry.counter("tierdesk.streams.polls", "outcome", "read");
        this.sleeps = registry.counter("tierdesk.streams.polls", "outcome", "asleep");
    }

    /** What a stream says when a reconnection missed more than it reads back: load the lists afresh. */
    public static final String RESYNC = "resync";

    void start(@Observes StartupEvent event) {
        jobs.every(interval, "live streams", this::poll);
    }

    /** The poll stops with the other jobs (PeriodicJobs); open streams end here. */
    void stop(@Observes ShutdownEvent event) {
        live.onComplete();
    }

    Uni<Void> poll() {
        synchronized (this) {
            asleep |= openTotal.get() == 0;
            if (asleep) {
                sleeps.increment();
                return Uni.createFrom().voidItem();
            }
        }
        reads.increment();
        Position from = handed;
        return sessions.withSession(session -> SqlRows.select(session, SELECT
                        + "ORDER BY transaction_id, seq LIMIT 1000", Long.toString(from.transaction()), from.seq()))
                .invoke(rows -> {
                    List<Item> items = rows.stream().map(LiveStreams::item).toList();
                    if (!items.isEmpty()) {
                        handed = items.get(items.size() - 1).position();
                        items.forEach(live::onNext);
                    }
                })
                .replaceWithVoid();
    }

    /** Moves a sleeping poller to what is visible now: every transaction below the oldest running one is in. */
    private Uni<Void> wake() {
        synchronized (this) {
            if (!asleep) {
                return Uni.createFrom().voidItem();
            }
        }
        return sessions.withSession(session -> SqlRows.first(session, VISIBLE_END))
                .invoke(r -> {
                    Position visible = new Position(r.number("tx"), r.number("seq"));
                    synchronized (this) {
                        if (visible.isAfter(handed)) {
                            handed = visible;
                        }
                        asleep = false;
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The stream of what the recipients hear: after {@code lastSeen} when the client says what it saw last, else
     * from now on.
     */
    public Multi<Item> stream(String caller, Set<String> recipients, Position lastSeen) {
        AtomicInteger mine = open.computeIfAbsent(caller,
                k -> new AtomicInteger());
        if (mine.incrementAndGet() > perCaller | openTotal.incrementAndGet() > total) {
            release(caller, mine);
            throw new Rejection(Rejection.Kind.TOO_MANY,
                    "streams", "at most " + perCaller + " open streams per caller and " + total + " in all; close one "
                    + "first", "too-many-streams", "Too many open streams");
        }
        return wake().onItem().transformToMulti(awake -> listen(recipients, lastSeen))
                .onTermination().invoke(() -> release(caller, mine));
    }

    private Multi<Item> listen(Set<String> recipients, Position lastSeen) {
        // Bounded: a client that reads slower than its notices come loses its stream (and reconnects from its last
        // id) rather than this replica's memory.
        UnicastProcessor<Item> buffered = UnicastProcessor.create(
                Queues.<Item>get(buffer).get(), null);
        Cancellable subscription = live.filter(i -> recipients.contains(i.recipient()))
                .subscribe().with(buffered::onNext, buffered::onError, buffered::onComplete);
        Position bound = handed;
        Multi<Item> missed = lastSeen == null ? Multi.createFrom().empty()
                : sessions.withSession(session -> resolve(session, lastSeen).chain(after -> SqlRows.select(session,
                                COLUMNS + """

                                WHERE medium = 'stream' AND recipient = ANY(CAST(?5 AS text[]))
                                    AND (transaction_id, seq) > (CAST(CAST(?1 AS text) AS xid8), ?2)
                                    AND (transaction_id, seq) <= (CAST(CAST(?3 AS text) AS xid8), ?4)
                                ORDER BY transaction_id, seq LIMIT ?6""", Long.toString(after.transaction()),
                                after.seq(), Long.toString(bound.transaction()), bound.seq(),
                                (Object) recipients.toArray(String[]::new), catchUpLimit + 1)))
                        .onItem().transformToMulti(rows -> {
                            List<Item> items = rows.stream().map(LiveStreams::item).toList();
                            // Too much missed (or an id from before the rows kept): say so once, and go on live.
                            return items.size() > catchUpLimit
                                    ? Multi.createFrom().item(new Item(bound.transaction(), bound.seq(), "", RESYNC,
                                            null, "", "more was missed than a stream reads back", Instant.now()))
                                    : Multi.createFrom().iterable(items);
                        });
        Item opening = new Item(bound.transaction(), bound.seq(), "", LIVE, null, "", "", Instant.now());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(opening), missed,
                        buffered.filter(i -> i.position().isAfter(bound)))
                .onTermination().invoke(subscription::cancel);
    }

    private void release(String caller, AtomicInteger mine) {
        openTotal.decrementAndGet();
        if (mine.decrementAndGet() <= 0) {
            open.remove(caller, mine);
        }
    }

    /** An id of the older form (the seq alone) names its row's place. */
    private static Uni<Position> resolve(Mutiny.Session session, Position seen) {
        if (seen.transaction() >= 0) {
            return Uni.createFrom().item(seen);
        }
        return SqlRows.first(session, """
                        SELECT CAST(CAST(transaction_id AS text) AS bigint) AS tx FROM delivery
                        WHERE medium = 'stream' AND seq = ?1""", seen.seq())
                .map(r -> new Position(r == null ? 0 : r.number("tx"), seen.seq()));
    }

    private static Item item(SqlRows.Row r) {
        return new Item(r.number("tx"), r.number("seq"), r.text("recipient"), r.text("kind"), r.uuid("ticket_id"), r.text("subject"),
                r.text("text"), r.instant("created_at"));
    }
}
