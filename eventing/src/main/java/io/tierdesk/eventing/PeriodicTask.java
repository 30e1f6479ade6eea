package io.tierdesk.eventing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs reactive work every interval. Each run gets a fresh duplicated Vert.x context: Hibernate Reactive refuses the
 * plain event-loop context a Vert.x timer fires on, and a session must not leak from one run into the next. A tick
 * that comes while the previous run is still going is skipped rather than piled up.
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final io.vertx.core.Vertx vertx;
    private final long timerId;
    private final AtomicBoolean running = new AtomicBoolean();

    private PeriodicTask(io.vertx.core.Vertx vertx, Duration interval, String name, Supplier<Uni<?>> work) {
        this.vertx = vertx;
        this.timerId = vertx.setPeriodic(interval.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            // Flagged safe: this context belongs to this run alone, which is what Hibernate Reactive checks for.
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                Uni<?> run;
                try {
                    run = work.get();
                } catch (RuntimeException e) {
                    run = Uni.createFrom().failure(e);
                }
                run.subscribe().with(
                        done -> running.set(false),
                        failure -> {
                            running.set(false);
                            LOG.warnf("%s failed, trying again in %s: %s", name, interval, failure.toString());
                        });
            });
        });
    }

    /** Starts running {@code work} every {@code interval}; {@code name} appears in the log when a run fails. */
    public static PeriodicTask start(io.vertx.core.Vertx vertx, Duration interval, String name,
            Supplier<Uni<?>> work) {
        return new PeriodicTask(vertx, interval, name, work);
    }

    public void stop() {
        vertx.cancelTimer(timerId);
    }
}
