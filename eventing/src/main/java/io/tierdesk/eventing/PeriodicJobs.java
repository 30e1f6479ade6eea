package io.tierdesk.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import io.vertx.core.Vertx;

/**
 * The service's periodic jobs in one place: a bean starts its job here when it starts, keeps the handle to
 * {@link PeriodicTask#wake wake} it, and never stops it itself — every job started here stops when the application
 * shuts down. One lifecycle instead of a start and a stop written in every bean. Each run that ends counts in
 * {@code tierdesk.jobs.runs} (tags {@code job}, {@code outcome} done or failed): an operator sees a job that stopped
 * running, and a test waits for whole rounds instead of sleeping.
 */
@ApplicationScoped
public class PeriodicJobs {
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final List<PeriodicTask> started = new CopyOnWriteArrayList<>();

    public PeriodicJobs(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** {@code work} every {@code interval}; {@code name} appears in the log when a run fails. */
    public PeriodicTask every(Duration interval, String name, Supplier<Uni<?>> work) {
        return keep(PeriodicTask.start(vertx, interval, name, counted(name, work)));
    }

    /** {@code work}, which answers when it next falls due, then or after {@code longest} at the latest. */
    public PeriodicTask untilDue(Duration longest, Clock clock, String name, Supplier<Uni<Instant>> work) {
        return keep(PeriodicTask.startUntilDue(vertx, longest, clock, name, counted(name, work)));
    }

    private <U extends Uni<?>> Supplier<U> counted(String name, Supplier<U> work) {
        Counter done = registry.counter("tierdesk.jobs.runs", "job", name, "outcome", "done");
        Counter failed = registry.counter("tierdesk.jobs.runs", "job", name, "outcome", "failed");
        return () -> count(work, done, failed);
    }

    @SuppressWarnings("unchecked")
    private static <U extends Uni<?>> U count(Supplier<U> work, Counter done, Counter failed) {
        Uni<?> run;
        try {
            run = work.get();
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        return (U) run.onTermination().invoke((item, failure, cancelled) -> (failure == null ? done : failed)
                .increment());
    }

    private PeriodicTask keep(PeriodicTask task) {
        started.add(task);
        return task;
    }

    void stopAll(@Observes ShutdownEvent event) {
        started.forEach(PeriodicTask::stop);
        started.clear();
    }
}
