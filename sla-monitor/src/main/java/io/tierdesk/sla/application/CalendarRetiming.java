package io.tierdesk.sla.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
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
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Works through the calendars whose new version awaits re-timing ({@code calendar_retime}): a batch of tickets per
 * transaction, so the relay, the timer loop and the consumers go on between batches. Any replica may do it; the
 * tickets' row locks (skipped when held) keep two from re-timing one ticket. The gauge
 * {@code tierdesk_sla_calendar_retime_pending} is the number of tickets still to re-time.
 */
@ApplicationScoped
public class CalendarRetiming {
    private static final Logger LOG = Logger.getLogger(CalendarRetiming.class);

    private final Mutiny.SessionFactory sessions;
    private final SlaClocks clocks;
    private final PeriodicJobs jobs;
    private volatile PeriodicTask task;
    private final int batch;
    private final Duration interval;
    private final AtomicLong pending = new AtomicLong();
    private final MeterRegistry registry;

    public CalendarRetiming(Mutiny.SessionFactory sessions, SlaClocks clocks, PeriodicJobs jobs,
            MeterRegistry registry, SlaConfig config) {
        this.sessions = sessions;
        this.clocks = clocks;
        this.jobs = jobs;
        this.registry = registry;
        this.batch = config.retimeBatch();
        this.interval = config.retimeInterval();
    }

    void start(@Observes StartupEvent event) {
        registry.gauge("tierdesk.sla.calendar.retime.pending", pending);
        task = jobs.every(interval, "calendar re-timing", this::round);
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

    /**
     * Counts what is to do (the gauge), makes one pass over each calendar, then counts again: a calendar with
     * nothing left is finished. Between the counts the gauge goes down by what each batch re-timed.
     */
    Uni<Void> round() {
        return sessions.withSession(session -> SqlRows.select(session,
                        "SELECT calendar_id, to_version FROM calendar_retime ORDER BY requested_at"))
                .map(rows -> rows.stream().map(r -> new Job(r.text("calendar_id"), r.number("to_version"))).toList())
                .chain(jobs -> jobs.isEmpty() ? Uni.createFrom().item(0L)
                        : sum(jobs, this::remaining).invoke(pending::set)
                                .chain(() -> sum(jobs, job -> pass(job, FIRST).replaceWith(0L)))
                                .chain(() -> sum(jobs, job -> remaining(job).call(left -> left == 0 ? finish(job)
                                        : Uni.createFrom().voidItem()))))
                .invoke(pending::set)
                .replaceWithVoid();
    }

    /** The jobs one after another, their answers added up. */
    private static Uni<Long> sum(List<Job> jobs, Function<Job, Uni<Long>> each) {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (Job job : jobs) {
            total = total.chain(sum -> each.apply(job).map(one -> sum + one));
        }
        return total;
    }

    /** Below every ticket id as PostgreSQL orders them (bytes, unsigned). */
    private static final UUID FIRST = new UUID(0L, 0L);

    /**
     * One pass over the calendar's stale tickets in ticket order, a batch per transaction. A batch that fails is
     * done again one ticket per transaction, so one ticket that cannot be re-timed (logged) holds up no other; what
     * is left — failed, or held by another transaction — waits for the next round.
     */
    private Uni<Void> pass(Job job, UUID after) {
        return sessions.withSession(session -> clocks.staleTickets(session, job.calendarId(), after, batch))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : sessions.withTransaction(session -> clocks.retime(session, job.calendarId(), ids))
                                .onFailure().recoverWithUni(e -> oneByOne(job, ids, e))
                                .invoke(taken -> pending.addAndGet(-taken))
                                .chain(() -> ids.size() < batch ? Uni.createFrom().voidItem()
                                        : pass(job, ids.get(ids.size() - 1))));
    }

    /** @return how many of the tickets were re-timed */
    private Uni<Integer> oneByOne(Job job, List<UUID> ids, Throwable batchFailure) {
        LOG.warnf("re-timing %d tickets of calendar %s together failed, one by one now: %s", ids.size(),
                job.calendarId(), batchFailure.toString());
        Uni<Integer> taken = Uni.createFrom().item(0);
        for (UUID id : ids) {
            taken = taken.chain(sum -> sessions.withTransaction(session -> clocks.retime(session, job.calendarId(),
                            List.of(id)))
                    .onFailure().invoke(e -> {
                        LOG.errorf("ticket %s could not be re-timed to calendar %s's new version; tried again next "
                                + "round: %s", id, job.calendarId(), e.toString());
                        registry.counter("tierdesk.sla.calendar.retime.failures").increment();
                    })
                    .onFailure().recoverWithItem(0)
                    .map(one -> sum + one));
        }
        return taken;
    }

    private Uni<Long> remaining(Job job) {
        return sessions.withSession(session -> clocks.retimeRemaining(session, job.calendarId()));
    }

    private Uni<Void> finish(Job job) {
        LOG.infof("calendar %s: every ticket re-timed to version %d", job.calendarId(), job.toVersion());
        return sessions.withTransaction(session -> clocks.retimeFinished(session, job.calendarId(),
                job.toVersion()));
    }
}
