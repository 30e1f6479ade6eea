package io.tierdesk.sla.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicTask;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Works through the calendars whose new version awaits re-timing ({@code calendar_retime}): a batch of tickets per
 * transaction, so the relay, the timer loop and the consumers go on between batches. Any replica may do it; the
 * tickets' row locks (skipped when held) keep two from re-timing one ticket. The gauge
 * {@code tierdesk_sla_calendar_retime_pending} is the number of tickets still to re-time.
 */
@ApplicationScoped
public class CalendarRetiming {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CalendarRetiming.class);

    private final Mutiny.SessionFactory sessions;
    private final SlaClocks clocks;
    private final io.vertx.core.Vertx vertx;
    private final int batch;
    private final Duration interval;
    private final AtomicLong pending = new AtomicLong();
    private final MeterRegistry registry;
    private volatile PeriodicTask task;

    public CalendarRetiming(Mutiny.SessionFactory sessions, SlaClocks clocks, io.vertx.core.Vertx vertx,
            MeterRegistry registry, SlaConfig config) {
        this.sessions = sessions;
        this.clocks = clocks;
        this.vertx = vertx;
        this.registry = registry;
        this.batch = config.retimeBatch();
        this.interval = config.retimeInterval();
    }

    void start(@Observes StartupEvent event) {
        registry.gauge("tierdesk.sla.calendar.retime.pending", pending);
        task = PeriodicTask.start(vertx, interval, "calendar re-timing", this::round);
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
    }

    /** A calendar changed: the work starts once the change has committed, a moment after this. */
    public void wake() {
        PeriodicTask running = task;
        if (running != null) {
            running.wake(Instant.now().plusMillis(50));
        }
    }

    private record Job(String calendarId, long toVersion) {
    }

    Uni<Void> round() {
        return sessions.withSession(session -> SqlRows.select(session,
                        "SELECT calendar_id, to_version FROM calendar_retime ORDER BY requested_at"))
                .map(rows -> rows.stream().map(r -> new Job(r.text("calendar_id"), r.number("to_version"))).toList())
                .chain(jobs -> {
                    if (jobs.isEmpty()) {
                        pending.set(0);
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Long> left = Uni.createFrom().item(0L);
                    for (Job job : jobs) {
                        left = left.chain(sum -> work(job).map(remaining -> sum + remaining));
                    }
                    return left.invoke(pending::set).replaceWithVoid();
                });
    }

    /** Below every ticket id as PostgreSQL orders them (bytes, unsigned). */
    private static final UUID FIRST = new UUID(0L, 0L);

    /**
     * One pass over the calendar's stale tickets in ticket order, a batch per transaction. A batch that fails is
     * done again one ticket per transaction, so one ticket that cannot be re-timed (logged) holds up no other; what
     * is left — failed, or held by another transaction — waits for the next round.
     */
    private Uni<Long> work(Job job) {
        return pass(job, FIRST).chain(() -> remaining(job)).chain(left -> left == 0 ? finish(job).replaceWith(0L)
                : Uni.createFrom().item(left));
    }

    private Uni<Void> pass(Job job, UUID after) {
        return sessions.withSession(session -> clocks.staleTickets(session, job.calendarId(), after, batch))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : sessions.withTransaction(session -> clocks.retime(session, job.calendarId(), ids))
                                .replaceWithVoid()
                                .onFailure().recoverWithUni(e -> oneByOne(job, ids, e))
                                .chain(() -> remaining(job).invoke(pending::set))
                                .chain(() -> ids.size() < batch ? Uni.createFrom().voidItem()
                                        : pass(job, ids.get(ids.size() - 1))));
    }

    private Uni<Void> oneByOne(Job job, List<UUID> ids, Throwable batchFailure) {
        LOG.warnf("re-timing %d tickets of calendar %s together failed, one by one now: %s", ids.size(),
                job.calendarId(), batchFailure.toString());
        Uni<Void> each = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            each = each.chain(() -> sessions.withTransaction(session -> clocks.retime(session, job.calendarId(),
                            List.of(id))).replaceWithVoid()
                    .onFailure().invoke(e -> {
                        LOG.errorf("ticket %s could not be re-timed to calendar %s's new version; tried again next "
                                + "round: %s", id, job.calendarId(), e.toString());
                        registry.counter("tierdesk.sla.calendar.retime.failures").increment();
                    })
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return each;
    }

    private Uni<Long> remaining(Job job) {
        return sessions.withSession(session -> clocks.retimeRemaining(session, job.calendarId()));
    }

    private Uni<Void> finish(Job job) {
        LOG.infof("calendar %s: every ticket re-timed to version %d", job.calendarId(), job.toVersion());
        return sessions.withTransaction(session -> clocks.retimeFinished(session, job.calendarId(),
                job.toVersion()));
    }

    /** For tests and the runbook: the tickets still to re-time as of the last round. */
    public long pending() {
        return pending.get();
    }
}
