package io.tierdesk.eventing.sample;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts the events each ticket received: if the inbox let a redelivery through, a count would be too high. Two
 * consumers count the same topic, one record at a time ({@code sample-counter}) and one poll at a time
 * ({@code sample-batch-counter}), each into its own table. Notes can ask for failures the database really raises:
 * {@code transient:N} fails the first N tries with a serialization failure (40001), {@code broken} fails every try
 * with an internal error (XX000); {@code rejected} is refused by the domain ({@link Rejection}); {@code bug} throws
 * an {@link IllegalArgumentException}, as a plain programming error would; {@code hold:N} waits for the advisory
 * lock N, which a test holds to keep the transaction from finishing.
 */
@ApplicationScoped
public class SampleCounterProjection {
    public static final String CONSUMER = "sample-counter";
    public static final String BATCH_CONSUMER = "sample-batch-counter";
    /** The batch consumer's Kafka consumer group (application.properties). */
    public static final String BATCH_GROUP = "eventing-sample-batch-counter";
    /** Tries per consumer and event id ({@code consumer/eventId}), for the tests to read. */
    public static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();

    private final Inbox inbox;

    public SampleCounterProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("sample-tickets")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume(CONSUMER, message, TicketEvent.class,
                (session, delivered) -> count(CONSUMER, "sample_counter", session, delivered));
    }

    @Incoming("sample-tickets-batch")
    public Uni<Void> onBatch(Message<List<byte[]>> batch) {
        return inbox.consumeBatch(BATCH_CONSUMER, batch, TicketEvent.class,
                (session, delivered) -> count(BATCH_CONSUMER, "sample_batch_counter", session, delivered));
    }

    public static int tries(String consumer, Object eventId) {
        AtomicInteger tries = TRIES.get(consumer + "/" + eventId);
        return tries == null ? 0 : tries.get();
    }

    private static Uni<Void> count(String consumer, String table, Mutiny.Session session,
            Delivered<TicketEvent> delivered) {
        int tries = TRIES.computeIfAbsent(consumer + "/" + delivered.eventId(), id -> new AtomicInteger())
                .incrementAndGet();
        String note = delivered.event() instanceof InternalNoteAdded n ? n.note() : "";
        if (note.equals("rejected")) {
            throw Rejection.conflict("note", "the sample refuses this note");
        }
        if (note.equals("bug")) {
            throw new IllegalArgumentException("a bug, not a verdict on the event");
        }
        if (note.startsWith("hold:")) {
            return session.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(CAST(?1 AS bigint))")
                    .setParameter(1, Long.parseLong(note.substring("hold:".length()))).getResultList()
                    .chain(() -> increment(table, session, delivered));
        }
        if (note.equals("broken") || note.startsWith("transient:")
                && tries <= Integer.parseInt(note.substring("transient:".length()))) {
            return fail(session, note.equals("broken") ? "XX000" : "40001");
        }
        return increment(table, session, delivered);
    }

    private static Uni<Void> increment(String table, Mutiny.Session session, Delivered<TicketEvent> delivered) {
        return session.createNativeMutationQuery("INSERT INTO " + table + " (ticket_id, events, last_type) "
                        + "VALUES (?1, 1, ?2) ON CONFLICT (ticket_id) DO UPDATE SET events = " + table + ".events "
                        + "+ 1, last_type = EXCLUDED.last_type")
                .setParameter(1, delivered.event().ticketId().toString())
                .setParameter(2, delivered.envelope().type())
                .executeUpdate()
                .replaceWithVoid();
    }

    private static Uni<Void> fail(Mutiny.Session session, String sqlState) {
        return session.createNativeMutationQuery("DO $$ BEGIN RAISE EXCEPTION 'injected by the test' USING ERRCODE = '"
                + sqlState + "'; END $$").executeUpdate().replaceWithVoid();
    }
}
