package io.tierdesk.sla.application;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.PeriodicTask;
import io.tierdesk.eventing.store.SqlRows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Announces warnings and breaches when they fall due. Every moment is a row of {@code sla_timer}; no timer lives only
 * in memory, so after a restart (or on another instance) the missed moments go out once each, stamped with the time
 * they fell due and the time they went out. Each round takes the tickets with a moment due, soonest first, a hundred
 * per transaction under their row locks, skipping the tickets another transaction holds.
 */
@ApplicationScoped
public class SlaTimers {
    /** The job's name in the log and in {@code tierdesk.jobs.runs}. */
    public static final String JOB = "SLA timers";
    static final int BATCH = 100;
    static final long HELD_RETRY_MS = 20;

    private final Mutiny.SessionFactory sessions;
    private final SlaClocks clocks;
    private final PeriodicJobs jobs;
    private volatile PeriodicTask task;
    private final Duration interval;
    private final MeterRegistry registry;
    private final Clock clock;
    /** Tickets with a moment due in the first round after start: what a restart had to catch up. */
    private final AtomicLong caughtUp = new AtomicLong();
    private volatile boolean firstRound = true;

    public SlaTimers(Mutiny.SessionFactory sessions, SlaClocks clocks, PeriodicJobs jobs,
            SlaConfig config, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.clocks = clocks;
        this.jobs = jobs;
        this.interval = config.timerMaxWait();
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        clocks.onNewMoment(this::wake);
        registry.gauge("tierdesk.sla.catch.up.tickets", caughtUp);
        registry.gauge("tierdesk.sla.timers.pending", List.of(), this, t -> t.pending);
        task = jobs.untilDue(interval, clock, JOB, () -> fireDue()
                .invoke(() -> firstRound = false).chain(this::measure).chain(this::nextDue));
    }

    /** A moment this instance just wrote: the loop runs then, if it would have slept past it. */
    public void wake(Instant at) {
        PeriodicTask running = task;
        if (running != null) {
            running.wake(at);
        }
    }

    /**
     * The earliest moment to come. One already due after a round is held by another transaction (another
     * instance's round, a consumer): look again shortly rather than spin on it.
     */
    private Uni<Instant> nextDue() {
        return sessions.withSession(session -> SqlRows.first(session,
                "SELECT min(due_at) AS due FROM sla_timer")).map(row -> {
                    Instant due = row.instant("due");
                    Instant soon = clock.instant().plusMillis(HELD_RETRY_MS);
                    return due != null && due.isBefore(soon) ? soon : due;
                });
    }

    private volatile double pending;
    private long lastMeasured;

    /** The moments still to come, counted at most every ten seconds (an index-only count). */
    private Uni<Void> measure() {
        if (System.nanoTime() - lastMeasured < 10_000_000_000L) {
            return Uni.createFrom().voidItem();
        }
        lastMeasured = System.nanoTime();
        return sessions.withSession(session -> SqlRows.first(session,
                "SELECT count(*) AS n FROM sla_timer")).invoke(row -> pending = row.number("n")).replaceWithVoid();
    }

    /** One round: every ticket with a moment due, a batch per transaction, until a batch comes back short. */
    public Uni<Void> fireDue() {
        return sessions.withTransaction(session -> clocks.fireDue(session, BATCH))
                .invoke(taken -> {
                    if (firstRound) {
                        caughtUp.addAndGet(taken);
                    }
                    if (taken > 0) {
                        registry.counter("tierdesk.sla.timer.rounds").increment();
                    }
                })
                .chain(taken -> taken < BATCH ? Uni.createFrom().voidItem() : fireDue());
    }
}
