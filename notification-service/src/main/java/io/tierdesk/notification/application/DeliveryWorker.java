package io.tierdesk.notification.application;

import io.tierdesk.eventing.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.PeriodicTask;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.notification.NotificationDelivered;
import io.tierdesk.events.notification.NotificationEvent;
import io.tierdesk.events.notification.NotificationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the deliveries the consumers wrote. A round claims due rows ({@code FOR UPDATE SKIP LOCKED}) and marks them
 * {@code sending} until a lease runs out, commits, sends each outside any transaction, then records the outcomes and
 * their events in a second transaction. So a row is sent by one worker at a time, no connection waits on a mail
 * server, and a worker that dies mid-send lets its rows go when the lease ends (they are sent again: the mail keeps
 * one Message-ID). Failures that may pass (no connection, a timeout, a transient SMTP reply) are retried with
 * exponential backoff and jitter; a permanent refusal or the last attempt makes the delivery dead.
 */
@ApplicationScoped
public class DeliveryWorker {
    /** The job's name in the log and in {@code tierdesk.jobs.runs}. */
    public static final String JOB = "notification deliveries";
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final String STREAM = "notification";

    private final Mutiny.SessionFactory sessions;
    private final MailSender mail;
    private final WebhookSender webhooks;
    private final Backoff backoff;
    private final Webhooks endpoints;
    private final EventStore store;
    private final MeterRegistry registry;
    private final PeriodicJobs jobs;
    private final Clock clock;
    private final DeliverySettings settings;
    private PeriodicTask task;

    /** How the worker paces itself; see application.properties. */
    public record DeliverySettings(int batch, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
            Duration lease, Duration longestWait, Duration sendTimeout) {
    }

    public DeliveryWorker(Mutiny.SessionFactory sessions, MailSender mail, WebhookSender webhooks, Webhooks endpoints,
            EventStore store, MeterRegistry registry,
            PeriodicJobs jobs, Clock clock,
            @ConfigProperty(name = "tierdesk.notification.delivery.batch") int batch,
            @ConfigProperty(name = "tierdesk.notification.delivery.max-attempts") int maxAttempts,
            @ConfigProperty(name = "tierdesk.notification.delivery.initial-backoff") Duration initialBackoff,
            @ConfigProperty(name = "tierdesk.notification.delivery.max-backoff") Duration maxBackoff,
            @ConfigProperty(name = "tierdesk.notification.delivery.lease") Duration lease,
            @ConfigProperty(name = "tierdesk.notification.delivery.longest-wait") Duration longestWait,
            @ConfigProperty(name = "tierdesk.notification.delivery.send-timeout") Duration sendTimeout) {
        this.sessions = sessions;
        this.mail = mail;
        this.webhooks = webhooks;
        this.endpoints = endpoints;
        this.store = store;
        this.registry = registry;
        this.jobs = jobs;
        this.clock = clock;
        this.backoff = new Backoff(initialBackoff, maxBackoff, 0.2);
        this.settings = new DeliverySettings(batch, maxAttempts, initialBackoff, maxBackoff, lease, longestWait,
                sendTimeout);
    }

    /** Deliveries waiting or being sent, by medium, as of the last round. */
    private final Map<String, Double> queued = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        for (String medium : List.of("email", "webhook")) {
            Gauge.builder("tierdesk.notification.queue.depth", queued,
                            m -> m.getOrDefault(medium, Double.NaN))
                    .description("deliveries pending or being sent").tags("medium", medium).register(registry);
        }
        task = jobs.untilDue(settings.longestWait(), clock, JOB,
                this::round);
    }

    /** Something is due at {@code at}. */
    public void wake(Instant at) {
        if (task != null) {
            task.wake(at);
        }
    }

    /** A claimed row. */
    record Claimed(UUID deliveryId, String eventId, UUID ticketId, String kind, String audience, String recipient,
            String medium, String language, String subject, String text, String html, String payload, int attempts,
            Instant eventTime) {
    }

    /** How one attempt ended: null failure is success. */
    record Outcome(Claimed delivery, Throwable failure, Instant at) {
    }

    /** One round: claim, send, record; answers when the next row falls due (null: none waiting). */
    public Uni<Instant> round() {
        Instant now = clock.instant();
        // Leases are taken and judged by the database's clock, never a replica's: one whose clock runs ahead would
        // otherwise take rows another replica still holds, and send them a second time.
        return sessions.withTransaction(session -> SqlRows.select(session, """
                        UPDATE delivery SET state = 'sending',
                            next_attempt_at = clock_timestamp() + make_interval(secs => CAST(?2 AS double precision))
                        WHERE delivery_id IN (SELECT delivery_id FROM delivery
                            WHERE state IN ('pending', 'sending') AND medium <> 'stream'
                              AND next_attempt_at <= greatest(?1, clock_timestamp()) AND NOT (state = 'sending'
                                  AND next_attempt_at > clock_timestamp())
                            ORDER BY next_attempt_at LIMIT ?3 FOR UPDATE SKIP LOCKED)
                        RETURNING delivery_id, event_id, ticket_id, kind, audience, recipient, medium, language,
                            subject, text, html, payload, attempts, event_time""", now,
                        settings.lease().toMillis() / 1000.0, settings.batch()))
                .map(rows -> rows.stream().map(r -> new Claimed(r.uuid("delivery_id"), r.text("event_id"),
                        r.uuid("ticket_id"), r.text("kind"), r.text("audience"), r.text("recipient"), r.text("medium"),
                        r.text("language"), r.text("subject"), r.text("text"), r.text("html"), r.text("payload"),
                        (int) r.number("attempts"), r.instant("event_time"))).toList())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(List.<Outcome>of()) : sendAll(claimed))
                .chain(outcomes -> outcomes.isEmpty() ? Uni.createFrom().voidItem() : recordAll(outcomes))
                .chain(() -> sessions.withSession(session -> SqlRows.first(session, """
                        SELECT min(next_attempt_at) AS due, count(*) FILTER (WHERE medium = 'email') AS email,
                            count(*) FILTER (WHERE medium = 'webhook') AS webhook FROM delivery
                        WHERE state IN ('pending', 'sending') AND medium <> 'stream'""")))
                .map(row -> {
                    queued.put("email", (double) row.number("email"));
                    queued.put("webhook", (double) row.number("webhook"));
                    return row.instant("due");
                });
    }

    private Uni<List<Outcome>> sendAll(List<Claimed> claimed) {
        // The HTTP client answers on threads of its own; the outcomes are recorded back on this round's context,
        // where Hibernate Reactive may open its session.
        Context context = Vertx.currentContext();
        List<Uni<Outcome>> sends = new ArrayList<>();
        for (Claimed d : claimed) {
            Uni<Void> send = d.medium().equals("webhook")
                    ? webhooks.send(d.recipient(), d.deliveryId().toString(), d.payload())
                    : mail.send(d.recipient(), d.subject(), d.text(), d.html(), "<" + d.deliveryId() + "@tierdesk>");
            sends.add(send.ifNoItem().after(settings.sendTimeout()).fail()
                    .map(ok -> new Outcome(d, null, clock.instant()))
                    .onFailure().recoverWithItem(e -> new Outcome(d, e, clock.instant())));
        }
        Uni<List<Outcome>> all = Uni.join().all(sends).andFailFast();
        return context == null ? all : all.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /**
     * The round's outcomes in one transaction; should that fail, each on its own, so that no row whose record fails
     * keeps the others in 'sending' until the lease runs out and has them sent again. A row that cannot be recorded
     * even alone is put back to wait its backoff with the attempt counted, never left to repeat at once.
     */
    private Uni<Void> recordAll(List<Outcome> outcomes) {
        return record(outcomes)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(2)
                .onFailure().recoverWithUni(batchFailure -> {
                    LOG.warnf("recording %d delivery outcomes together failed, recording each alone: %s",
                            outcomes.size(), batchFailure.toString());
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (Outcome o : outcomes) {
                        each = each.chain(() -> record(List.of(o))
                                .onFailure().recoverWithUni(e -> postpone(o, e)));
                    }
                    return each;
                });
    }

    /** The last resort for one row: the attempt counted, the next one after its backoff, the reason kept. */
    private Uni<Void> postpone(Outcome o, Throwable failure) {
        Claimed d = o.delivery();
        LOG.errorf(failure, "delivery %s: its outcome could not be recorded; it waits its backoff", d.deliveryId());
        return sessions.withTransaction(session -> SqlRows.execute(session, """
                        UPDATE delivery SET state = 'pending', attempts = ?2, last_error = ?3, next_attempt_at = ?4
                        WHERE delivery_id = ?1 AND state = 'sending'""", d.deliveryId(), d.attempts() + 1,
                        "outcome not recorded: " + failure.getClass().getSimpleName(),
                        o.at().plus(backoff(d.attempts() + 1))))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "delivery %s stays claimed until its lease", d.deliveryId()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The outcomes, their states and their events, in one transaction. */
    private Uni<Void> record(List<Outcome> outcomes) {
        // A receiver that said it is gone is disabled below; the webhooks in memory follow once that has committed.
        boolean gone = outcomes.stream().anyMatch(DeliveryWorker::gone);
        return sessions.withTransaction(session -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            Map<UUID, List<NotificationEvent>> events = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                Claimed d = o.delivery();
                int attempts = d.attempts() + 1;
                registry.counter("tierdesk.notification.attempts", "medium", d.medium()).increment();
                if (o.failure() == null) {
                    registry.counter("tierdesk.notification.deliveries", "medium", d.medium(), "outcome",
                            "delivered").increment();
                    if (d.eventTime() != null) {
                        Timer.builder("tierdesk.notification.delivery.latency")
                                .description("from the event's time to the medium's acceptance")
                                .tags("medium", d.medium()).publishPercentiles(0.5, 0.95, 0.99).register(registry)
                                .record(Duration.between(d.eventTime(), o.at()));
                    }
                    events.computeIfAbsent(d.ticketId(), k -> new ArrayList<>()).add(new NotificationDelivered(
                            d.ticketId(), d.deliveryId(), d.kind(), d.audience(), d.recipient(), d.medium(),
                            d.language(), d.eventId(), attempts, o.at()));
                    all = all.chain(() -> SqlRows.execute(session, """
                            UPDATE delivery SET state = 'delivered', attempts = ?2, delivered_at = ?3, last_error = NULL
                            WHERE delivery_id = ?1""", d.deliveryId(), attempts, o.at()).replaceWithVoid());
                    continue;
                }
                String reason = reason(o.failure());
                if (permanent(o.failure()) || attempts >= settings.maxAttempts()) {
                    registry.counter("tierdesk.notification.deliveries", "medium", d.medium(), "outcome", "dead")
                            .increment();
                    events.computeIfAbsent(d.ticketId(), k -> new ArrayList<>()).add(new NotificationFailed(
                            d.ticketId(), d.deliveryId(), d.kind(), d.audience(), d.recipient(), d.medium(),
                            d.eventId(), attempts, reason, o.at()));
                    all = all.chain(() -> SqlRows.execute(session, """
                            UPDATE delivery SET state = 'dead', attempts = ?2, last_error = ?3 WHERE delivery_id = ?1""",
                            d.deliveryId(), attempts, reason).replaceWithVoid());
                    if (gone(o)) {
                        // As the scheme recommends: a receiver that says it is gone gets nothing more.
                        all = all.chain(() -> endpoints.disable(session, d.recipient(), "410 Gone at " + o.at()));
                    }
                    LOG.warnf("delivery %s (%s to %s) is dead after %d attempts: %s", d.deliveryId(), d.kind(),
                            d.medium(), attempts, reason);
                } else {
                    registry.counter("tierdesk.notification.deliveries", "medium", d.medium(), "outcome", "retried")
                            .increment();
                    Duration wait = o.failure() instanceof WebhookSender.Refused refused && refused.retryAfter != null
                            ? retryAfter(refused.retryAfter) : backoff(attempts);
                    Instant next = o.at().plus(wait);
                    all = all.chain(() -> SqlRows.execute(session, """
                            UPDATE delivery SET state = 'pending', attempts = ?2, last_error = ?3, next_attempt_at = ?4
                            WHERE delivery_id = ?1""", d.deliveryId(), attempts, reason, next).replaceWithVoid());
                }
            }
            for (Map.Entry<UUID, List<NotificationEvent>> e : events.entrySet()) {
                all = all.chain(() -> store.append(session, STREAM, e.getKey().toString(), ExpectedVersion.ANY,
                        e.getValue(), EventMetadata.actor("notification-service"), clock.instant()).replaceWithVoid());
            }
            return all;
        }).call(() -> gone ? endpoints.reload() : Uni.createFrom().voidItem());
    }

    /** The receiver answered 410: it is gone. */
    private static boolean gone(Outcome o) {
        return o.failure() instanceof WebhookSender.Refused refused && refused.gone();
    }

    /** A receiver's own wait, honoured up to the longest backoff: a receiver cannot postpone itself for ever. */
    Duration retryAfter(Duration asked) {
        return asked.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : asked;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the initial backoff, capped, ±20 % jitter. */
    Duration backoff(int attempts) {
        return backoff.after(attempts);
    }

    static boolean permanent(Throwable failure) {
        return failure instanceof MailSender.Undeliverable
                || failure instanceof SMTPException smtp && smtp.isPermanent()
                || failure instanceof WebhookSender.Refused refused && !refused.transientFailure();
    }

    static String reason(Throwable failure) {
        if (failure instanceof WebhookSender.Refused refused) {
            return "the webhook answered " + refused.status + (refused.gone() ? " Gone: the endpoint is disabled" : "");
        }
        if (failure instanceof SMTPException smtp) {
            return "SMTP " + smtp.getReplyCode() + ": " + smtp.getReplyMessage();
        }
        if (failure instanceof TimeoutException) {
            return "no answer from the mail server in time";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
