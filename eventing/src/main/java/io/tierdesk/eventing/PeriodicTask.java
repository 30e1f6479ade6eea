package io.tierdesk.eventing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work again and again: every interval, or — for work that knows when something next falls due — at
 * that moment, and at once when {@link #wake} learns of an earlier one. Each run gets a fresh duplicated Vert.x
 * context: Hibernate Reactive refuses the plain event-loop context a Vert.x timer fires on, and a session must not
 * leak from one run into the next. Runs never overlap: the next is scheduled when one ends, so a slow run delays the
 * next instead of piling up.
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final Vertx vertx;
    private final Duration longest;
    private final String name;
    private final Clock clock;
    private final Supplier<Uni<Instant>> work;
    private boolean running;
    private boolean stopped;
    /** Set while a run is going and an earlier moment was announced: run again as soon as it ends. */
    private boolean wokenWhileRunning;
    private long timerId = -1;
    private Instant scheduledFor;

    private PeriodicTask(Vertx vertx, Duration longest, String name, Clock clock,
            Supplier<Uni<Instant>> work) {
        this.vertx = vertx;
        this.longest = longest;
        this.name = name;
        this.clock = clock;
        this.work = work;
        schedule(clock.instant().plus(longest));
    }

    /** Starts running {@code work} every {@code interval}; {@code name} appears in the log when a run fails. */
    public static PeriodicTask start(Vertx vertx, Duration interval, String name,
            Supplier<Uni<?>> work) {
        return new PeriodicTask(vertx, interval, name, Clock.systemUTC(),
                () -> work.get().replaceWith((Instant) null));
    }

    /**
     * Starts running {@code work}, which answers when it next has something to do (null: nothing known). The next
     * run comes then, or after {@code longest} at the latest — so that what another process scheduled is noticed
     * too —, or earlier when {@link #wake} is told of an earlier moment. The first run comes at once.
     *
     * @param clock what "now" is for the moments {@code work} answers (tests move it)
     */
    public static PeriodicTask startUntilDue(Vertx vertx, Duration longest, Clock clock, String name,
            Supplier<Uni<Instant>> work) {
        PeriodicTask task = new PeriodicTask(vertx, longest, name, clock, work);
        task.wake(clock.instant());
        return task;
    }

    /** Something falls due at {@code at}: run then, unless a run is already scheduled before it. */
    public synchronized void wake(Instant at) {
        if (stopped) {
            return;
        }
        if (running) {
            wokenWhileRunning = true;
            return;
        }
        if (scheduledFor == null || at.isBefore(scheduledFor)) {
            schedule(at);
        }
    }

    /** Stopped: no run will start any more (one under way may still end). */
    public synchronized boolean isStopped() {
        return stopped;
    }

    public synchronized void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private synchronized void schedule(Instant at) {
        if (stopped) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        Instant now = clock.instant();
        Instant latest = now.plus(longest);
        scheduledFor = at.isBefore(latest) ? at : latest;
        long delay = Math.max(1, Duration.between(now, scheduledFor).toMillis());
        timerId = vertx.setTimer(delay, id -> run(id));
    }

    private void run(long id) {
        synchronized (this) {
            if (stopped || id != timerId || running) {
                return;
            }
            running = true;
            timerId = -1;
            scheduledFor = null;
            wokenWhileRunning = false;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // Flagged safe: this context belongs to this run alone, which is what Hibernate Reactive checks for.
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<Instant> run;
            try {
                run = work.get();
            } catch (RuntimeException e) {
                run = Uni.createFrom().failure(e);
            }
            run.subscribe().with(this::ended, failure -> {
                LOG.warnf("%s failed, trying again in %s: %s", name, longest, failure.toString());
                ended(null);
            });
        });
    }

    private synchronized void ended(Instant next) {
        running = false;
        schedule(wokenWhileRunning ? clock.instant() : next != null ? next : clock.instant().plus(longest));
    }
}
