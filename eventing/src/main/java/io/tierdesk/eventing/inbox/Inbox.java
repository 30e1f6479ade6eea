package io.tierdesk.eventing.inbox;

import io.tierdesk.eventing.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.domain.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * The idempotent consumer every projection uses. A handler is one method that receives a typed event; the inbox
 * reads the CloudEvent, skips events this consumer already applied, applies the rest in one transaction together
 * with the {@code processed_event} row, dead-letters poison records and retries what a retry can cure.
 *
 * <pre>
 * &#64;Incoming("tickets")
 * Uni&lt;Void&gt; on(Message&lt;byte[]&gt; message) {
 *     return inbox.consume("ticket-view", message, TicketEvent.class, this::apply);
 * }
 * </pre>
 *
 * A projection that must keep up with bursts consumes whole polls instead ({@code batch=true} on its channel and
 * {@link #consumeBatch}): one transaction, so one commit, for every record of the poll, in order. A batch that fails
 * as a whole is applied again record by record with the same retries and dead-lettering as {@link #consume}, so a
 * poison record still costs only itself. Dead-lettered records carry the consumer's name in the
 * {@value #CONSUMER_HEADER} header, since every consumer of a topic shares its dead-letter topic.
 */
@ApplicationScoped
public class Inbox {
    public static final String CONSUMER_HEADER = "tierdesk-consumer";
    /** A handler failure that is neither poison nor transient gets this many tries before it is dead-lettered. */
    static final int HANDLER_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Backoff RETRY = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Mutiny.SessionFactory sessions;
    private final MeterRegistry registry;
    private final Vertx vertx;

    public Inbox(Mutiny.SessionFactory sessions, MeterRegistry registry, Vertx vertx) {
        this.sessions = sessions;
        this.registry = registry;
        this.vertx = vertx;
    }

    public <T> Uni<Void> consume(String consumer, Message<byte[]> message, Class<T> streamType,
            EventHandler<? super T> handler) {
        Delivered<T> delivered;
        try {
            delivered = read(message, streamType);
        } catch (InvalidEventException e) {
            return deadLetter(consumer, message, new DeadLetterReason(e.kind().code(), e.getMessage(), e));
        }
        return applyAlone(consumer, message, delivered, handler, message::ack);
    }

    /**
     * One record in its own transaction, counted, then {@code settle}; a record that cannot be applied is
     * dead-lettered instead, which settles it.
     */
    private <T> Uni<Void> applyAlone(String consumer, Message<byte[]> message, Delivered<T> delivered,
            EventHandler<? super T> handler, Supplier<CompletionStage<Void>> settle) {
        return applyOnce(consumer, delivered, handler, 1)
                .chain(applied -> {
                    count(consumer, applied ? 1 : 0, applied ? 0 : 1);
                    return Uni.createFrom().completionStage(settle);
                })
                .onFailure(DeadLetterReason.class).recoverWithUni(e -> deadLetter(consumer, message, e));
    }

    /** Applies every record of a poll in one transaction, each by {@code handler}; see the class comment. */
    public <T> Uni<Void> consumeBatch(String consumer, Message<List<byte[]>> batch, Class<T> streamType,
            EventHandler<? super T> handler) {
        return consumePoll(consumer, batch, streamType, PollHandler.eachOf(handler));
    }

    /**
     * Applies every record of a poll in one transaction, all of them by one call of {@code handler}, so that it can
     * write them a statement per table; see the class comment.
     */
    public <T> Uni<Void> consumePoll(String consumer, Message<List<byte[]>> batch, Class<T> streamType,
            PollHandler<T> handler) {
        List<Message<byte[]>> poison = new ArrayList<>();
        List<DeadLetterReason> reasons = new ArrayList<>();
        List<Record<T>> valid = new ArrayList<>();
        for (Message<byte[]> record : recordsOf(batch)) {
            try {
                valid.add(new Record<>(record, read(record, streamType)));
            } catch (InvalidEventException e) {
                poison.add(record);
                reasons.add(new DeadLetterReason(e.kind().code(), e.getMessage(), e));
            }
        }
        // Dead-lettering acknowledges a record, and for the partition's latest record that lets the consumer commit
        // the offset past the whole poll: so the valid records are committed to the database first. Only a failed
        // joint write falls back; a dead letter that could not be sent fails the poll unacknowledged, so it comes
        // again rather than being lost.
        return applyTogether(consumer, valid, handler)
                .onFailure().recoverWithUni(failure -> oneByOne(consumer, valid, handler, failure))
                .chain(() -> Multi.createFrom().range(0, poison.size())
                        .onItem().transformToUniAndConcatenate(i -> deadLetter(consumer, poison.get(i), reasons.get(i)))
                        .collect().last().replaceWithVoid())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private <T> Uni<Void> oneByOne(String consumer, List<Record<T>> records, PollHandler<T> poll,
            Throwable failure) {
        EventHandler<T> handler = (session, delivered) -> poll.handle(session, List.of(delivered));
        LOG.infof("%s: a batch of %d events failed together (%s); applying them one by one", consumer,
                records.size(), failure.getMessage());
        registry.counter("tierdesk.inbox.batch_fallbacks", "consumer", consumer).increment();
        // Nothing to settle per record: the poll is acknowledged as a whole afterwards.
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(r -> applyAlone(consumer, r.message(), r.delivered(), handler,
                        () -> CompletableFuture.completedFuture(null)))
                .collect().last().replaceWithVoid();
    }

    private <T> Uni<Void> applyTogether(String consumer, List<Record<T>> records, PollHandler<T> handler) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = records.stream().map(r -> r.delivered().eventId()).toArray(String[]::new);
        return sessions.withTransaction(session -> session
                        .createNativeQuery("INSERT INTO processed_event (consumer, event_id) "
                                + "SELECT ?1, unnest(CAST(?2 AS text[])) ON CONFLICT DO NOTHING RETURNING event_id",
                                String.class)
                        .setParameter(1, consumer)
                        .setParameter(2, ids)
                        .getResultList()
                        .chain(fresh -> {
                            // A copy delivered twice in the same poll is applied by its first occurrence only.
                            Set<String> unapplied = new HashSet<>(fresh);
                            List<Delivered<T>> events = records.stream().map(Record::delivered)
                                    .filter(d -> unapplied.remove(d.eventId())).toList();
                            return (events.isEmpty() ? Uni.createFrom().voidItem() : handler.handle(session, events))
                                    .replaceWith(fresh.size());
                        }))
                .invoke(applied -> count(consumer, applied, records.size() - applied))
                .replaceWithVoid();
    }

    private void count(String consumer, int applied, int deduplicated) {
        registry.counter("tierdesk.inbox.consumed", "consumer", consumer).increment(applied);
        registry.counter("tierdesk.inbox.deduplicated", "consumer", consumer).increment(deduplicated);
    }

    @SuppressWarnings("unchecked")
    private static List<Message<byte[]>> recordsOf(Message<List<byte[]>> batch) {
        if (batch instanceof KafkaRecordBatch<?, ?> records) {
            return (List<Message<byte[]>>) (List<?>) records.getRecords();
        }
        throw new IllegalStateException("consumeBatch needs a Kafka batch: set batch=true on the channel");
    }

    private record Record<T>(Message<byte[]> message, Delivered<T> delivered) {
    }

    private <T> Uni<Boolean> applyOnce(String consumer, Delivered<T> delivered, EventHandler<? super T> handler,
            int attempt) {
        return sessions.withTransaction(session -> session
                        .createNativeMutationQuery("INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2) "
                                + "ON CONFLICT DO NOTHING")
                        .setParameter(1, consumer)
                        .setParameter(2, delivered.eventId())
                        .executeUpdate()
                        .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                                : handler.handle(session, castDelivered(delivered)).replaceWith(true)))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof Rejection) {
                        return Uni.createFrom().failure(new DeadLetterReason("rejected-by-consumer",
                                failure.getMessage(), failure));
                    }
                    boolean transientFailure = PgErrors.isTransient(failure);
                    if (!transientFailure && attempt >= HANDLER_ATTEMPTS) {
                        // A bug, not a verdict on the event: the log keeps the stack trace under the reference.
                        String reference = UUID.randomUUID().toString();
                        LOG.errorf(failure, "%s: event %s failed %d times, dead-lettered; reference %s", consumer,
                                delivered.eventId(), attempt, reference);
                        return Uni.createFrom().failure(new DeadLetterReason("handler-failed",
                                failure.getClass().getSimpleName() + ": " + failure.getMessage() + " (reference "
                                        + reference + ")", failure));
                    }
                    Duration backoff = RETRY.after(attempt);
                    LOG.warnf("%s: event %s failed (attempt %d, %s), retrying in %d ms: %s", consumer,
                            delivered.eventId(), attempt, transientFailure ? "transient" : "handler", backoff.toMillis(),
                            failure.getMessage());
                    registry.counter("tierdesk.inbox.retried", "consumer", consumer).increment();
                    return delay(backoff).chain(() -> applyOnce(consumer, delivered, handler, attempt + 1));
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> Delivered<T> castDelivered(Delivered<?> delivered) {
        return (Delivered<T>) delivered;
    }

    /** A Vert.x timer, so the retry runs on the same context Hibernate Reactive requires. */
    private Uni<Void> delay(Duration duration) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(duration.toMillis(), id -> emitter.complete(null)));
    }

    private Uni<Void> deadLetter(String consumer, Message<byte[]> message, Throwable reason) {
        LOG.warnf("%s: dead-lettering a record: %s", consumer, reason.getMessage());
        registry.counter("tierdesk.inbox.dead_lettered", "consumer", consumer).increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONSUMER_HEADER, consumer.getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom().completionStage(() -> message.nack(reason,
                Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build())));
    }

    /**
     * A record as an event of the stream, without a receipt: for a handler that is idempotent by itself, such as a
     * projection each replica keeps in memory and reads again from the store.
     *
     * @throws InvalidEventException when the record is not an event of that stream
     */
    public static <T> Delivered<T> read(Message<byte[]> message, Class<T> streamType) {
        Headers headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders())
                .orElseThrow(() -> new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "headers",
                        "not a Kafka record"));
        return read(headers, message.getPayload(), streamType);
    }

    /**
     * A Kafka record's headers and value as an event of the stream, for a reader of a topic outside the messaging
     * channels (a projection's rebuild).
     *
     * @throws InvalidEventException when the record is not an event of that stream
     */
    public static <T> Delivered<T> read(Headers headers, byte[] value, Class<T> streamType) {
        CloudEvent envelope = KafkaBinding.read(name -> {
            Header header = headers.lastHeader(name);
            return header == null ? null : header.value();
        }, value);
        Object event = envelope.decode();
        if (!streamType.isInstance(event)) {
            throw new InvalidEventException(InvalidEventException.Kind.UNKNOWN_TYPE, "type",
                    "event type '" + envelope.type() + "' does not belong on this stream");
        }
        return new Delivered<>(envelope, streamType.cast(event));
    }
}
