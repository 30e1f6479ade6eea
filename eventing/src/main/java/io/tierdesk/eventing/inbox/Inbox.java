package io.tierdesk.eventing.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.eventing.PgErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

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
 */
@ApplicationScoped
public class Inbox {
    /** A handler failure that is neither poison nor transient gets this many tries before it is dead-lettered. */
    static final int HANDLER_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Mutiny.SessionFactory sessions;
    private final MeterRegistry registry;
    private final io.vertx.core.Vertx vertx;

    public Inbox(Mutiny.SessionFactory sessions, MeterRegistry registry, io.vertx.core.Vertx vertx) {
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
        return applyOnce(consumer, delivered, handler, 1)
                .chain(applied -> {
                    registry.counter(applied ? "tierdesk.inbox.consumed" : "tierdesk.inbox.deduplicated",
                            "consumer", consumer).increment();
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure(DeadLetterReason.class).recoverWithUni(e -> deadLetter(consumer, message, e));
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
                    if (failure instanceof IllegalArgumentException || failure instanceof InvalidEventException) {
                        return Uni.createFrom().failure(new DeadLetterReason("rejected-by-consumer",
                                failure.getMessage(), failure));
                    }
                    boolean transientFailure = PgErrors.isTransient(failure);
                    if (!transientFailure && attempt >= HANDLER_ATTEMPTS) {
                        return Uni.createFrom().failure(new DeadLetterReason("handler-failed",
                                failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure));
                    }
                    Duration backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempt, 16)));
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
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    static <T> Delivered<T> read(Message<byte[]> message, Class<T> streamType) {
        Headers headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders())
                .orElseThrow(() -> new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "headers",
                        "not a Kafka record"));
        CloudEvent envelope = KafkaBinding.read(name -> {
            Header header = headers.lastHeader(name);
            return header == null ? null : header.value();
        }, message.getPayload());
        Object event = envelope.decode();
        if (!streamType.isInstance(event)) {
            throw new InvalidEventException(InvalidEventException.Kind.UNKNOWN_TYPE, "type",
                    "event type '" + envelope.type() + "' does not belong on this stream");
        }
        return new Delivered<>(envelope, streamType.cast(event));
    }
}
