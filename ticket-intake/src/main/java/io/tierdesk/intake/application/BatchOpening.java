package io.tierdesk.intake.application;

import io.tierdesk.eventing.store.SqlRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.intake.domain.Participants;
import io.tierdesk.intake.domain.Ticket;
import io.tierdesk.intake.domain.TicketCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Opens the new tickets of a batch together: one transaction and a handful of statements for the whole batch
 * instead of one transaction and some eight round trips per event. It decides exactly what
 * {@link ChannelIntake#accept} would decide for a message that opens a ticket, with the same receipts, numbers,
 * customers and thread records. Events it does not take — the key was seen before, or the channel thread already
 * belongs to a ticket — are left out of its answer for the caller to run one by one.
 */
@ApplicationScoped
public class BatchOpening {
    /** A message of the batch that opens a ticket, with its place in the batch. */
    public record Candidate(int index, CloudEvent event, ChannelMessage message) {
    }

    /** What the batch will write for one candidate. */
    private record Opening(Candidate candidate, String hash, UUID ticketId, String number, SupportPlan plan,
            List<?> events, ChannelAnswer answer) {
    }

    private final ChannelIntake intake;
    private final TicketCommands tickets;
    private final Customers customers;
    private final EventStore store;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public BatchOpening(ChannelIntake intake, TicketCommands tickets, Customers customers, EventStore store,
            IntakeConfig config, MeterRegistry metrics) {
        this.intake = intake;
        this.tickets = tickets;
        this.customers = customers;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Opens what it can in one transaction; answers by batch index. Fails as a whole, writing nothing.
     *
     * @param adapter the subject of the calling channel's token, whose threads these are
     */
    public Uni<Map<Integer, ChannelIntake.Receipt>> open(String adapter, List<Candidate> candidates) {
        Instant at = tickets.now();
        // The thread locks of the single path, before the threads are looked up.
        List<String> threads = candidates.stream().filter(c -> BatchPlan.channelThread(c.message()) != null)
                .map(c -> c.message().threadRef()).toList();
        return intake.ownTransaction(session -> ChannelIntake.lockThreads(session, adapter, threads)
                .chain(() -> knownThreads(session, adapter, candidates)).chain(known -> {
            List<Candidate> fresh = candidates.stream()
                    .filter(c -> BatchPlan.channelThread(c.message()) == null
                            || !known.contains(c.message().threadRef())).toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(Map.<Integer, ChannelIntake.Receipt>of());
            }
            return customersOf(session, fresh)
                    .chain(byId -> numbers(session, fresh.size()).map(numbers -> prepare(fresh, byId, numbers, at)))
                    .chain(openings -> claim(session, openings)
                            .chain(claimed -> write(session, adapter, claimed, at)));
        })).invoke(this::count);
    }

    private List<Opening> prepare(List<Candidate> fresh, Map<String, Customers.Customer> byId, List<String> numbers,
            Instant at) {
        List<Opening> openings = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Candidate c = fresh.get(i);
            ChannelMessage m = c.message();
            UUID ticketId = UUID.randomUUID();
            String number = numbers.get(i);
            SupportPlan plan = byId.get(m.customer().externalId()).planOn(customers.today(at),
                    config.defaultSupportPlan());
            List<?> events = tickets.decider().decide(Ticket.NONE, new TicketCommand.OpenTicket(ticketId, number,
                    m.channel(), m.customer(), plan, m.subject(), m.body(), m.diagnostics(), m.urgency(), m.threadRef(),
                    m.attachments(), null, at), Participants.NONE);
            openings.add(new Opening(c, ChannelIntake.hash(c.event()), ticketId, number, plan, events,
                    new ChannelAnswer(c.event().id(), ticketId, number, ChannelAnswer.CREATED,
                            CustomerReference.next())));
        }
        return openings;
    }

    /** The adapter's threads in the batch that already belong to a ticket (of any customer). */
    private Uni<Set<String>> knownThreads(Mutiny.Session session, String adapter, List<Candidate> candidates) {
        List<String> threads = new ArrayList<>();
        for (Candidate c : candidates) {
            if (BatchPlan.channelThread(c.message()) != null) {
                threads.add(c.message().threadRef());
            }
        }
        if (threads.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return SqlRows.select(session, """
                        SELECT thread_id FROM ticket_thread
                        WHERE adapter = ?1 AND thread_id = ANY(CAST(?2 AS text[]))""", adapter, texts(threads))
                .map(rows -> {
                    Set<String> known = new HashSet<>();
                    rows.forEach(r -> known.add(r.text("thread_id")));
                    return known;
                });
    }

    /** Every customer the messages name, those seen for the first time created with the default plan. */
    private Uni<Map<String, Customers.Customer>> customersOf(Mutiny.Session session, List<Candidate> fresh) {
        Map<String, ChannelMessage> first = new LinkedHashMap<>();
        fresh.forEach(c -> first.putIfAbsent(c.message().customer().externalId(), c.message()));
        // In key order, like the receipts: two batches naming the same customers wait for each other, not deadlock.
        List<ChannelMessage> messages = first.values().stream()
                .sorted(Comparator.comparing((ChannelMessage m) -> m.customer().externalId())).toList();
        return session.createNativeMutationQuery("INSERT INTO customer (external_id, name, email, phone, language, plan) "
                        + "SELECT i, n, e, p, l, ?6 FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), "
                        + "CAST(?3 AS text[]), CAST(?4 AS text[]), CAST(?5 AS text[])) AS x(i, n, e, p, l) "
                        + "ON CONFLICT (external_id) DO NOTHING")
                .setParameter(1, texts(messages, m -> m.customer().externalId()))
                .setParameter(2, texts(messages, m -> m.customer().name()))
                .setParameter(3, texts(messages, m -> m.customer().email()))
                .setParameter(4, texts(messages, m -> m.customer().phone()))
                .setParameter(5, texts(messages, m -> m.customer().language()))
                .setParameter(6, config.defaultSupportPlan().wireName())
                .executeUpdate()
                .chain(() -> customers.findAll(session, List.copyOf(first.keySet())));
    }

    /** Ticket numbers for the batch, ascending, so they follow the batch's order. */
    private Uni<List<String>> numbers(Mutiny.Session session, int count) {
        return session.<String>createNativeQuery("SELECT " + TicketCommands.NUMBER_OF_N + " FROM (SELECT "
                        + "nextval('ticket_number_seq') AS n FROM generate_series(1, ?1)) AS drawn ORDER BY n")
                .setParameter(1, count).getResultList();
    }

    /**
     * Stores the receipts with their answers; those whose key another request took first are dropped (their numbers
     * stay unused, as after any rolled-back transaction) and go back to the caller.
     */
    private Uni<List<Opening>> claim(Mutiny.Session session, List<Opening> openings) {
        List<Opening> byKey = openings.stream().sorted(Comparator
                .comparing((Opening o) -> o.candidate().event().source()).thenComparing(o -> o.candidate().event().id()))
                .toList();
        return SqlRows.select(session, """
                        INSERT INTO channel_receipt (source, event_id, payload_hash, answer)
                        SELECT s, e, h, CAST(a AS jsonb)
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]))
                            AS x(s, e, h, a)
                        ON CONFLICT DO NOTHING RETURNING source, event_id""",
                        texts(byKey, o -> o.candidate().event().source()),
                        texts(byKey, o -> o.candidate().event().id()),
                        texts(byKey, Opening::hash),
                        texts(byKey, o -> SqlRows.json(o.answer())))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(r -> claimed.add(r.text("source") + "\u0000" + r.text("event_id")));
                    return openings.stream().filter(o -> claimed.contains(o.candidate().event().source() + "\u0000"
                            + o.candidate().event().id())).toList();
                });
    }

    private Uni<Map<Integer, ChannelIntake.Receipt>> write(Mutiny.Session session, String adapter,
            List<Opening> openings, Instant at) {
        Map<Integer, ChannelIntake.Receipt> answers = new HashMap<>();
        if (openings.isEmpty()) {
            return Uni.createFrom().item(answers);
        }
        List<EventStore.NewStream> streams = new ArrayList<>();
        List<Opening> threaded = new ArrayList<>();
        for (Opening o : openings) {
            if (BatchPlan.channelThread(o.candidate().message()) != null) {
                threaded.add(o);
            }
            streams.add(new EventStore.NewStream(o.ticketId().toString(), o.events(),
                    EventMetadata.actor(ChannelIntake.CHANNEL_ACTOR + o.candidate().event().source())));
            answers.put(o.candidate().index(), new ChannelIntake.Receipt(o.answer(), false));
        }
        Uni<Integer> rememberThreads = threaded.isEmpty() ? Uni.createFrom().item(0)
                // The threads were new under the lock: plain inserts.
                : session.createNativeMutationQuery("INSERT INTO ticket_thread (adapter, thread_id, ticket_id, "
                                + "customer_id) SELECT ?1, th, t, c FROM unnest(CAST(?2 AS text[]), CAST(?3 AS uuid[]), "
                                + "CAST(?4 AS text[])) AS x(th, t, c)")
                        .setParameter(1, adapter)
                        .setParameter(2, texts(threaded, o -> o.candidate().message().threadRef()))
                        .setParameter(3, threaded.stream().map(Opening::ticketId).toArray(UUID[]::new))
                        .setParameter(4, texts(threaded, o -> o.candidate().message().customer().externalId()))
                        .executeUpdate();
        return session.createNativeMutationQuery("INSERT INTO ticket_number (number, ticket_id, customer_reference, "
                        + "customer_id) SELECT * FROM unnest(CAST(?1 AS text[]), CAST(?2 AS uuid[]), "
                        + "CAST(?3 AS text[]), CAST(?4 AS text[]))")
                .setParameter(1, texts(openings, Opening::number))
                .setParameter(2, openings.stream().map(Opening::ticketId).toArray(UUID[]::new))
                .setParameter(3, texts(openings, o -> o.answer().reference()))
                .setParameter(4, texts(openings, o -> o.candidate().message().customer().externalId()))
                .executeUpdate()
                .chain(() -> store.startStreams(session, TicketCommands.STREAM, streams, at))
                .chain(() -> rememberThreads)
                .map(ignored -> {
                    openings.forEach(o -> metrics.counter("tierdesk.intake.tickets.opened", "channel",
                            o.candidate().message().channel().wireName(), "plan", o.plan().wireName()).increment());
                    return answers;
                });
    }

    private void count(Map<Integer, ChannelIntake.Receipt> opened) {
        metrics.counter("tierdesk.intake.batch.opened_together").increment(opened.size());
    }

    private static String[] texts(List<String> values) {
        return values.toArray(new String[0]);
    }

    private static <T> String[] texts(List<T> items, Function<T, String> value) {
        return items.stream().map(value).toArray(String[]::new);
    }
}
