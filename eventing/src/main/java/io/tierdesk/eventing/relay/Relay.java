package io.tierdesk.eventing.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import io.micrometer.core.instrument.Tag;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/**
 * Publishes the event table to Kafka in (transaction id, id) order. One call of {@link #publishOnce()} is one batch:
 * under the relay's lease it reads the checkpoint and the batch, sends, and moves the checkpoint only after the broker
 * acknowledged every record, so a crash in between republishes (consumers dedupe).
 *
 * <p>The lease is a transaction-scoped advisory lock, not a row lock: a transaction that locks a row gets a
 * transaction id, and relays read only below the oldest running transaction id of the whole cluster, so a relay
 * waiting for an unreachable broker while holding one would stall every service's relay on the same PostgreSQL. An
 * advisory lock needs no transaction id; the batch's transaction gets one only for the checkpoint's update after the
 * broker's acknowledgement. The wait itself is bounded (the send timeout, plus at most one producer block).
 *
 * <p>Plain Java on purpose: the Quarkus service, the tests and the benchmark all build it the same way. It blocks
 * the calling thread and must not run on an event loop.
 */
public final class Relay {
    /** {@link #publishOnce()} found the lease taken by another relay on the same database. */
    public static final int LEASE_HELD_ELSEWHERE = -1;

    // Two int keys (a namespace of our own and the relay's name hashed): apart from the single-bigint keys others use.
    private static final String TAKE_LEASE = "SELECT pg_try_advisory_xact_lock(1953720684, hashtext($1)) AS leased";
    private static final String CHECKPOINT = """
            SELECT last_transaction_id::text AS last_transaction_id, last_id FROM relay_checkpoint WHERE name = $1""";
    // Only rows below the oldest transaction still running are published: a transaction that started earlier but
    // commits later would otherwise be passed by the checkpoint and lost. The first committed row above that line is
    // read too, without publishing it, to learn that events are held back (see holdsBack()).
    // The checkpoint and the batch after it in one statement (one snapshot, taken after the lease's): a row of the
    // checkpoint alone when nothing follows it, none when the checkpoint is missing. Not merged with the lease: read
    // in the lease's statement, the checkpoint could predate the commit of the relay that held the lease before.
    private static final String NEXT_BATCH = """
            SELECT e.id, e.transaction_id::text AS transaction_id, e.event_id::text AS event_id, e.stream_id, e.type,
                e.topic, e.payload::text AS payload, e.occurred_at, e.recorded_at,
                e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS visible
            FROM relay_checkpoint c
            LEFT JOIN LATERAL (
                SELECT id, transaction_id, event_id, stream_id, type, topic, payload, occurred_at, recorded_at
                FROM event WHERE (transaction_id, id) > (c.last_transaction_id, c.last_id)
                ORDER BY transaction_id, id LIMIT $2) e ON true
            WHERE c.name = $1
            ORDER BY e.transaction_id, e.id""";
    // Bounded, and run at most once per BACKLOG_CHECK_INTERVAL: counting a large backlog after every batch would
    // make catching up quadratic.
    private static final int BACKLOG_COUNT_LIMIT = 100_000;
    private static final long BACKLOG_CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private static final String BACKLOG = "SELECT count(*), min(recorded_at) FROM (SELECT recorded_at FROM event "
            + "WHERE (transaction_id, id) > ($1::xid8, $2) ORDER BY transaction_id, id LIMIT " + BACKLOG_COUNT_LIMIT
            + ") backlog";
    private static final String PARK = """
            INSERT INTO relay_parked (relay, event_id, reason) VALUES ($1, $2::uuid, $3)
            ON CONFLICT (relay, event_id) DO UPDATE SET reason = EXCLUDED.reason, parked_at = clock_timestamp()""";
    private static final String PARKED = """
            SELECT p.event_id::text AS event_id, e.stream_id, e.type, e.topic, p.reason, p.parked_at,
                length(e.payload::text) AS payload_chars
            FROM relay_parked p JOIN event e ON e.event_id = p.event_id
            WHERE p.relay = $1 ORDER BY p.parked_at""";
    private static final String PARKED_EVENT = """
            SELECT e.id, e.transaction_id::text AS transaction_id, e.event_id::text AS event_id, e.stream_id, e.type,
                e.topic, e.payload::text AS payload, e.occurred_at, e.recorded_at
            FROM relay_parked p JOIN event e ON e.event_id = p.event_id
            WHERE p.relay = $1 AND p.event_id = $2::uuid""";
    private static final String UNPARK = "DELETE FROM relay_parked WHERE relay = $1 AND event_id = $2::uuid";
    private static final String MOVE_CHECKPOINT = "UPDATE relay_checkpoint SET last_transaction_id = $1::xid8, "
            + "last_id = $2, updated_at = clock_timestamp() WHERE name = $3";

    private final Pool pool;
    private final Producer<String, byte[]> producer;
    private final Settings settings;
    private final RelayObserver observer;
    private final Counter published;
    private final Counter parked;
    private final Timer latency;
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private long lastBacklogCheck = System.nanoTime() - BACKLOG_CHECK_INTERVAL_NANOS;
    /** Read by the runner after each batch (see {@link #holdsBack()}). */
    private volatile boolean holdsBack;

    /**
     * @param source     CloudEvents source of this service, e.g. {@code /ticket-intake}
     * @param topicName  maps a logical topic to the broker's (tests prefix it)
     */
    public record Settings(String name, String source, int batchSize, Duration timeout, UnaryOperator<String> topicName) {
    }

    public Relay(Pool pool, Producer<String, byte[]> producer, Settings settings, RelayObserver observer,
            MeterRegistry registry) {
        this.pool = pool;
        this.producer = producer;
        this.settings = settings;
        this.observer = observer;
        this.published = registry.counter("tierdesk.relay.published", "relay", settings.name());
        this.parked = registry.counter("tierdesk.relay.parked", "relay", settings.name());
        this.latency = Timer.builder("tierdesk.relay.latency")
                .description("from append to the broker's acknowledgement")
                .tag("relay", settings.name())
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("tierdesk.relay.lag.events", List.of(Tag.of("relay",
                settings.name())), lagEvents, AtomicLong::get);
        registry.gauge("tierdesk.relay.lag.ms", List.of(Tag.of("relay",
                settings.name())), lagMillis, AtomicLong::get);
    }

    /**
     * The last batch stopped at committed events of a transaction younger than the oldest one still running on the
     * cluster: they are published once that one ends, which sends no notification, so the runner looks again soon
     * rather than at its idle interval.
     */
    public boolean holdsBack() {
        return holdsBack;
    }

    /** Publishes one batch. Answers how many events it published, or {@link #LEASE_HELD_ELSEWHERE}. */
    public int publishOnce() {
        SqlConnection connection = await(pool.getConnection());
        try {
            Transaction transaction = await(connection.begin());
            try {
                Row lease = await(connection.preparedQuery(TAKE_LEASE).execute(Tuple.of(settings.name())))
                        .iterator().next();
                int result = lease.getBoolean("leased") ? publishIn(connection) : LEASE_HELD_ELSEWHERE;
                await(transaction.commit());
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    await(transaction.rollback());
                } catch (RuntimeException ignored) {
                    // The connection is closed below either way; the lease goes with its transaction.
                }
                measureBacklogAfterFailure(connection);
                throw e;
            }
        } finally {
            await(connection.close());
        }
    }

    /** A relay that cannot publish must show it: the backlog after its checkpoint, measured outside the batch. */
    private void measureBacklogAfterFailure(SqlConnection connection) {
        try {
            Row checkpoint = await(connection.preparedQuery(CHECKPOINT).execute(Tuple.of(settings.name())))
                    .iterator().next();
            lastBacklogCheck = System.nanoTime() - BACKLOG_CHECK_INTERVAL_NANOS;
            measureBacklog(connection, checkpoint.getString("last_transaction_id"), checkpoint.getLong("last_id"));
        } catch (RuntimeException ignored) {
            // The database may be what failed; the gauges keep their last reading.
        }
    }

    /** An event a relay set aside, as operators see it. */
    public record Parked(String eventId, String streamId, String type, String topic, String reason, Instant parkedAt,
            long payloadChars) {
    }

    /** The records this relay set aside, oldest first. */
    public List<Parked> parked() {
        List<Parked> result = new ArrayList<>();
        for (Row row : await(pool.preparedQuery(PARKED).execute(Tuple.of(settings.name())))) {
            result.add(new Parked(row.getString("event_id"), row.getString("stream_id"), row.getString("type"),
                    row.getString("topic"), row.getString("reason"), row.getOffsetDateTime("parked_at").toInstant(),
                    row.getLong("payload_chars")));
        }
        return result;
    }

    /**
     * Sends a parked record again, now, and unparks it once the broker acknowledged it; a refusal keeps it parked
     * with the new reason. It reaches its topic after later events of its stream: consumers get it out of order.
     *
     * @return false when no such record is parked
     * @throws io.tierdesk.eventing.domain.Rejection a conflict when the broker refused it again
     */
    public boolean republish(String eventId) {
        RowSet<Row> rows = await(pool.preparedQuery(PARKED_EVENT).execute(Tuple.of(settings.name(), eventId)));
        if (!rows.iterator().hasNext()) {
            return false;
        }
        PendingEvent event = pending(rows.iterator().next());
        List<Refused> refused = send(List.of(event));
        if (!refused.isEmpty()) {
            await(pool.preparedQuery(PARK).execute(Tuple.of(settings.name(), eventId, refused.get(0).reason())));
            throw Rejection.conflict("eventId", "still refused: "
                    + refused.get(0).reason());
        }
        await(pool.preparedQuery(UNPARK).execute(Tuple.of(settings.name(), eventId)));
        published.increment();
        return true;
    }

    private int publishIn(SqlConnection connection) {
        RowSet<Row> rows = await(connection.preparedQuery(NEXT_BATCH).execute(Tuple.of(settings.name(),
                settings.batchSize() + 1)));
        if (!rows.iterator().hasNext()) {
            throw new IllegalStateException("relay checkpoint '" + settings.name() + "' is missing");
        }
        List<PendingEvent> batch = new ArrayList<>();
        boolean held = false;
        for (Row row : rows) {
            if (row.getValue("id") == null) {
                break; // the checkpoint alone: nothing after it
            }
            // In (transaction, id) order every row below the line comes before every row above it.
            if (!row.getBoolean("visible")) {
                held = true;
                break;
            }
            if (batch.size() < settings.batchSize()) {
                batch.add(pending(row));
            }
        }
        holdsBack = held;
        if (batch.isEmpty()) {
            lagEvents.set(0);
            lagMillis.set(0);
            return 0;
        }
        observer.publishing(batch);
        List<Refused> refused = send(batch);
        observer.acknowledged(batch);
        for (Refused r : refused) {
            await(connection.preparedQuery(PARK).execute(Tuple.of(settings.name(), r.event().eventId(), r.reason())));
        }
        parked.increment(refused.size());
        PendingEvent last = batch.get(batch.size() - 1);
        await(connection.preparedQuery(MOVE_CHECKPOINT).execute(Tuple.of(last.transactionId(), last.id(),
                settings.name())));
        published.increment(batch.size() - refused.size());
        if (batch.size() < settings.batchSize()) {
            // A short batch took everything visible: the backlog is empty.
            lagEvents.set(0);
            lagMillis.set(0);
        } else if (System.nanoTime() - lastBacklogCheck >= BACKLOG_CHECK_INTERVAL_NANOS) {
            measureBacklog(connection, last.transactionId(), last.id());
        }
        return batch.size();
    }

    private static PendingEvent pending(Row row) {
        return new PendingEvent(row.getLong("id"), row.getString("transaction_id"), row.getString("event_id"),
                row.getString("stream_id"), row.getString("type"), row.getString("topic"),
                row.getString("payload").getBytes(StandardCharsets.UTF_8),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("recorded_at").toInstant());
    }

    /** A record the broker or the producer refused for good, and why. */
    private record Refused(PendingEvent event, String reason) {
    }

    /** Whether no retry can cure the failure: the record itself is what the broker or the producer refuses. */
    private static boolean permanent(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException
                || failure instanceof SerializationException;
    }

    private static String reason(Throwable failure) {
        String what = failure instanceof RecordTooLargeException ? "record too large for the broker"
                : failure.getClass().getSimpleName();
        return what + ": " + failure.getMessage();
    }

    /**
     * Sends the batch and waits for every acknowledgement. A record refused for good (too large, invalid) is answered
     * as refused, for the caller to park; any other failure - the broker away, a timeout - fails the whole batch, which
     * is sent again.
     */
    private List<Refused> send(List<PendingEvent> batch) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            if (System.nanoTime() > deadline) {
                // send() blocks up to max.block.ms while the broker's metadata is missing: stop, do not wait per record.
                throw new IllegalStateException("the broker did not take the batch within " + settings.timeout());
            }
            CloudEvent cloudEvent = new CloudEvent(event.eventId(), settings.source(), event.type(), event.streamId(),
                    event.occurredAt(), CloudEvent.JSON, event.payload());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.topicName().apply(event.topic()),
                    event.streamId(), event.payload());
            KafkaBinding.headers(cloudEvent).forEach(record.headers()::add);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        ack.completeExceptionally(failure);
                    } else {
                        latency.record(Duration.between(event.recordedAt(), Instant.now()));
                        ack.complete(null);
                    }
                });
            } catch (KafkaException e) {
                ack.completeExceptionally(e);
            }
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null)
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge the batch: " + e.getMessage(), e);
        }
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            Throwable failure = failureOf(acks.get(i));
            if (failure == null) {
                continue;
            }
            if (!permanent(failure)) {
                throw new IllegalStateException("the broker did not acknowledge the batch: " + failure.getMessage(),
                        failure);
            }
            refused.add(new Refused(batch.get(i), reason(failure)));
        }
        return refused;
    }

    private static Throwable failureOf(CompletableFuture<Void> ack) {
        try {
            ack.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private void measureBacklog(SqlConnection connection, String afterTransaction, long afterId) {
        lastBacklogCheck = System.nanoTime();
        Row backlog = await(connection.preparedQuery(BACKLOG).execute(Tuple.of(afterTransaction, afterId)))
                .iterator().next();
        lagEvents.set(backlog.getLong(0));
        OffsetDateTime oldest = backlog.getOffsetDateTime(1);
        lagMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis()));
    }

    private <T> T await(Uni<T> uni) {
        return uni.await().atMost(settings.timeout());
    }
}
