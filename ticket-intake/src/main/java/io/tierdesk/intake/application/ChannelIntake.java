package io.tierdesk.intake.application;

import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.eventing.store.AdvisoryLocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.events.channel.ChannelEvents;
import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.channel.CustomerAnswer;
import io.tierdesk.events.channel.MonitoringAlert;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.store.ConcurrencyConflictException;
import io.tierdesk.intake.domain.TicketCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

/**
 * Turns what channel adapters post into ticket commands. {@code (source, id)} is the idempotency key, kept as the
 * Idempotency-Key header's are ({@link IdempotencyKeys}): the first answer is stored with the receipt and returned
 * again for every retry; the same key with other content is 422, naming {@code id}.
 */
@ApplicationScoped
public class ChannelIntake {
    static final Pattern TICKET_NUMBER = Pattern.compile("\\bTD-\\d{6,}\\b");
    static final String CHANNEL_ACTOR = "channel:";
    /** Enough for a burst of messages on one ticket from concurrent requests; each retry decides on fresh state. */
    static final int CONFLICT_RETRIES = 10;

    /** The channel's receipts: per source, kept with the tickets (no retention), reuse named by the event's id. */
    static final IdempotencyKeys.Receipts RECEIPTS = new IdempotencyKeys.Receipts("channel_receipt", "source",
            "event_id", "payload_hash", "id");

    private final Mutiny.SessionFactory sessions;
    private final IdempotencyKeys keys;
    private final TicketCommands tickets;
    private final TicketOpening opening;
    private final IntakeConfig config;
    private final MeterRegistry metrics;
    private final MonitoringAlerts alerts;

    public ChannelIntake(Mutiny.SessionFactory sessions, IdempotencyKeys keys, TicketCommands tickets,
            TicketOpening opening, IntakeConfig config, MeterRegistry metrics, MonitoringAlerts alerts) {
        this.alerts = alerts;
        this.sessions = sessions;
        this.keys = keys;
        this.tickets = tickets;
        this.opening = opening;
        this.config = config;
        this.metrics = metrics;
    }

    /** Where a channel's events come from: its token's subject names the adapter, the source lies under it. */
    public static final String ADAPTERS = "/adapters/";

    /**
     * Reads the event's data (400 naming the field when it is not a valid channel event), once its source is the
     * calling channel's own (403 otherwise): the source is half of every idempotency key and names the actor in the
     * journal, so no adapter may post as another.
     *
     * @param channel the subject of the calling channel's token
     */
    public Object read(CloudEvent event, String channel) {
        // An adapter is one path segment: "mail/x" would own what lies under the adapter "mail".
        if (channel.isEmpty() || channel.contains("/") || channel.equals(".") || channel.equals("..")) {
            throw Rejection.forbidden("source", "a channel's token names its adapter in one path segment, not '"
                    + channel + "'");
        }
        String own = ADAPTERS + channel;
        if (event.source() == null || !(event.source().equals(own) || event.source().startsWith(own + "/"))) {
            throw Rejection.forbidden("source", "a channel posts its own events only: source must be " + own
                    + " or lie under it");
        }
        return read(event);
    }

    private Object read(CloudEvent event) {
        Class<?> dataType = ChannelEvents.DATA_TYPES.get(event.type());
        if (dataType == null) {
            throw new InvalidEventException(InvalidEventException.Kind.UNKNOWN_TYPE, "type", "unknown event type '"
                    + event.type() + "'; accepted: " + ChannelEvents.DATA_TYPES.keySet().stream().sorted().toList());
        }
        Object data = EventJson.read(event.data(), dataType);
        if (data instanceof ChannelMessage message) {
            IntakeValidation.check(message, config);
        } else if (data instanceof CustomerAnswer answer) {
            IntakeValidation.check(event.type(), answer);
        } else if (data instanceof MonitoringAlert alert) {
            IntakeValidation.check(alert);
        }
        return data;
    }

    /**
     * Accepts one event in its own transaction. A lost race on the ticket's stream - another message committed first
     * at the same version, or first at all while this transaction already held an older id (the event table's order
     * guard) - is retried on fresh state: channel events name no version, so a retry decides the same thing anew.
     *
     * @param adapter the subject of the calling channel's token: channel threads are the adapter's own
     */
    public Uni<Receipt> accept(String adapter, CloudEvent event, Object data) {
        return acceptOnce(adapter, event, data)
                .onFailure(e -> e instanceof ConcurrencyConflictException || PgErrors.isSerializationFailure(e))
                .retry().atMost(CONFLICT_RETRIES);
    }

    private Uni<Receipt> acceptOnce(String adapter, CloudEvent event, Object data) {
        return ownTransaction(session -> keys.once(session, RECEIPTS, event.source(), event.id(), hash(event),
                        ChannelAnswer.class, () -> process(session, adapter, event, data)))
                .map(outcome -> {
                    if (outcome.replayed()) {
                        metrics.counter("tierdesk.intake.duplicates.absorbed").increment();
                    }
                    return new Receipt(outcome.answer(), outcome.replayed());
                });
    }

    /**
     * A session of its own rather than the one Hibernate Reactive binds to the request's context: a batch runs
     * several events of one request at once, each in its own transaction.
     */
    <T> Uni<T> ownTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().chain(session -> session.withTransaction(tx -> work.apply(session))
                .eventually(session::close));
    }

    public record Receipt(ChannelAnswer answer, boolean replayed) {
    }

    private Uni<ChannelAnswer> process(Mutiny.Session session, String adapter, CloudEvent event, Object data) {
        String actor = CHANNEL_ACTOR + event.source();
        if (data instanceof ChannelMessage message) {
            return receiveMessage(session, adapter, event, message, actor);
        }
        if (data instanceof MonitoringAlert alert) {
            return alerts.receive(session, event, alert, actor);
        }
        CustomerAnswer answer = (CustomerAnswer) data;
        return tickets.findByCustomerReference(session, answer.ticket(), answer.reference()).chain(ticketId -> {
            if (ticketId == null) {
                // The same answer for an unknown number and a wrong reference: it tells nothing about other tickets.
                return Uni.createFrom().failure(Rejection.notAllowedNow("reference",
                        "no ticket has this number and reference"));
            }
            return tickets.execute(session, ticketId, null, actor, at -> switch (event.type()) {
                        case ChannelEvents.RESOLUTION_CONFIRMED -> new TicketCommand.ConfirmResolution(at);
                        case ChannelEvents.RESOLUTION_REJECTED -> new TicketCommand.RejectResolution(answer.comment(), at);
                        default -> new TicketCommand.RateSatisfaction(answer.rating(), answer.comment(), at);
                    })
                    .map(result -> new ChannelAnswer(event.id(), result.ticketId(), result.number(),
                            outcome(result.events())));
        });
    }

    private Uni<ChannelAnswer> receiveMessage(Mutiny.Session session, String adapter, CloudEvent event,
            ChannelMessage message, String actor) {
        String named = firstNumber(message.threadRef(), message.subject());
        List<String> thread = message.threadRef() == null || message.threadRef().isBlank() ? List.of()
                : List.of(message.threadRef());
        return lockThreads(session, adapter, thread).chain(() -> findThread(session, adapter, message, named))
                .chain(existing -> {
            if (existing == null) {
                return openTicket(session, adapter, event, message, actor, null, named);
            }
            return tickets.load(session, existing).chain(state -> {
                if (tickets.decider().isBeyondReopenWindow(state, tickets.now())) {
                    metrics.counter("tierdesk.intake.repeat_contacts").increment();
                    return openTicket(session, adapter, event, message, actor, existing, null);
                }
                UUID messageId = UUID.nameUUIDFromBytes((event.source() + "/" + event.id()).getBytes(StandardCharsets.UTF_8));
                return tickets.execute(session, state, null, actor, false, at -> new TicketCommand.ReceiveCustomerMessage(
                                messageId, message.channel(), message.body(), message.attachments(), at))
                        .map(result -> {
                            String outcome = outcome(result.events());
                            metrics.counter(ChannelAnswer.REOPENED.equals(outcome) ? "tierdesk.intake.reopenings"
                                    : "tierdesk.intake.messages.appended").increment();
                            return new ChannelAnswer(event.id(), result.ticketId(), result.number(), outcome);
                        });
            });
        });
    }

    /**
     * @param named a ticket number the message named that is not its customer's (or null): the answer says it was
     *              not followed, whether or not such a ticket exists
     */
    private Uni<ChannelAnswer> openTicket(Mutiny.Session session, String adapter, CloudEvent event,
            ChannelMessage message, String actor, UUID repeatOf, String named) {
        UUID ticketId = UUID.randomUUID();
        String reference = CustomerReference.next();
        Instant at = tickets.now();
        if (named != null) {
            metrics.counter("tierdesk.intake.numbers.unmatched").increment();
        }
        return opening.open(session, ticketId, new TicketOpening.Opening(message.channel(), message.customer(),
                        message.subject(), message.body(), message.diagnostics(), message.urgency(),
                        message.threadRef(), message.attachments(), repeatOf, null), actor, reference, at)
                .call(result -> rememberThread(session, adapter, message, result.ticketId()))
                .map(result -> new ChannelAnswer(event.id(), result.ticketId(), result.number(), ChannelAnswer.CREATED,
                        reference, named));
    }

    /**
     * Messages of one channel thread are decided one after another: two first messages arriving at once would
     * otherwise both find no ticket for the thread and open two. A transaction-scoped advisory lock per thread of the
     * calling adapter (whatever channel the payload names), taken before the thread is looked up; several in one
     * order, so the single path and {@link BatchOpening} wait for each other and never deadlock.
     */
    static Uni<Void> lockThreads(Mutiny.Session session, String adapter, List<String> threadRefs) {
        return AdvisoryLocks.lockAll(session, threadRefs.stream().map(thread -> "thread:" + adapter + ":" + thread)
                .toList());
    }

    /**
     * The ticket a message belongs to: the customer's own ticket named by a number in the thread reference or
     * subject, else the adapter's thread when it is the customer's. A ticket of another customer is never found.
     */
    private Uni<UUID> findThread(Mutiny.Session session, String adapter, ChannelMessage message, String number) {
        String customer = message.customer().externalId();
        if (number != null) {
            return tickets.findCustomersTicket(session, number, customer).chain(found -> found != null
                    ? Uni.createFrom().item(found) : channelThread(session, adapter, message));
        }
        return channelThread(session, adapter, message);
    }

    private Uni<UUID> channelThread(Mutiny.Session session, String adapter, ChannelMessage message) {
        if (message.threadRef() == null || message.threadRef().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return session.<UUID>createNativeQuery("SELECT ticket_id FROM ticket_thread WHERE adapter = ?1 "
                        + "AND thread_id = ?2 AND customer_id = ?3")
                .setParameter(1, adapter).setParameter(2, message.threadRef())
                .setParameter(3, message.customer().externalId())
                .getSingleResultOrNull();
    }

    /**
     * A repeat contact takes the thread over, so the next message in it lands on the new ticket; a thread that is
     * another customer's stays theirs.
     */
    private Uni<Void> rememberThread(Mutiny.Session session, String adapter, ChannelMessage message, UUID ticketId) {
        if (message.threadRef() == null || message.threadRef().isBlank()
                || TICKET_NUMBER.matcher(message.threadRef()).matches()) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeMutationQuery("INSERT INTO ticket_thread (adapter, thread_id, ticket_id, customer_id) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (adapter, thread_id) DO UPDATE SET ticket_id = "
                        + "EXCLUDED.ticket_id WHERE ticket_thread.customer_id = EXCLUDED.customer_id")
                .setParameter(1, adapter).setParameter(2, message.threadRef())
                .setParameter(3, ticketId).setParameter(4, message.customer().externalId())
                .executeUpdate().replaceWithVoid();
    }

    public static String firstNumber(String... texts) {
        for (String text : texts) {
            if (text != null) {
                Matcher m = TICKET_NUMBER.matcher(text);
                if (m.find()) {
                    return m.group();
                }
            }
        }
        return null;
    }

    private static String outcome(List<TicketEvent> events) {
        if (events.isEmpty()) {
            return ChannelAnswer.DUPLICATE;
        }
        return events.stream().anyMatch(e -> e instanceof TicketReopened) ? ChannelAnswer.REOPENED
                : events.stream().anyMatch(e -> e instanceof CustomerMessageReceived)
                        ? ChannelAnswer.APPENDED : ChannelAnswer.RECORDED;
    }

    /** Over type and data; {@link io.tierdesk.events.HttpBinding} keeps JSON data in one form in every mode. */
    static String hash(CloudEvent event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(event.type().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(event.data() == null ? new byte[0] : event.data());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
