package io.tierdesk.eventing;

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
 * shuts down. One lifecycle instead of a start and a stop written in every bean.
 */
@ApplicationScoped
public class PeriodicJobs {
    private final Vertx vertx;
    private final List<PeriodicTask> started = new CopyOnWriteArrayList<>();

    public PeriodicJobs(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code work} every {@code interval}; {@code name} appears in the log when a run fails. */
    public PeriodicTask every(Duration interval, String name, Supplier<Uni<?>> work) {
        return keep(PeriodicTask.start(vertx, interval, name, work));
    }

    /** {@code work}, which answers when it next falls due, then or after {@code longest} at the latest. */
    public PeriodicTask untilDue(Duration longest, Clock clock, String name, Supplier<Uni<Instant>> work) {
        return keep(PeriodicTask.startUntilDue(vertx, longest, clock, name, work));
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
