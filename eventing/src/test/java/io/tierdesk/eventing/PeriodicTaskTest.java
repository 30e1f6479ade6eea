package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Timer-driven work reaches the database through Hibernate Reactive, run after run, never two at once. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class PeriodicTaskTest {
    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    io.vertx.core.Vertx vertx;

    @Test
    void eachRunQueriesTheDatabaseAndSlowRunsAreNotPiledUp() {
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // Each run outlasts several ticks: skipped ticks keep runs from overlapping.
        PeriodicTask task = PeriodicTask.start(vertx, Duration.ofMillis(20), "test task", () -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return sessions.withSession(session -> session.createNativeQuery("SELECT pg_sleep(0.1)").getSingleResult())
                    .eventually(() -> Uni.createFrom().item(inFlight.decrementAndGet()))
                    .invoke(() -> succeeded.incrementAndGet());
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= 3);
        } finally {
            task.stop();
        }
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void workThatKnowsItsNextMomentRunsThenAndNotAfterTheLongestWait() {
        java.util.List<java.time.Instant> runs = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The longest wait is ten minutes: a second run within the await below comes from the moment the work named.
        PeriodicTask task = PeriodicTask.startUntilDue(vertx, Duration.ofMinutes(10), java.time.Clock.systemUTC(),
                "test task", () -> {
                    runs.add(java.time.Instant.now());
                    return Uni.createFrom().item(java.time.Instant.now().plusMillis(300));
                });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 3);
        } finally {
            task.stop();
        }
        assertThat(Duration.between(runs.get(0), runs.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void aWakeBringsTheNextRunForwardAndAWakeDuringARunRunsAgainAfterIt() {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<PeriodicTask> self = new java.util.concurrent.atomic.AtomicReference<>();
        PeriodicTask task = PeriodicTask.startUntilDue(vertx, Duration.ofMinutes(10), java.time.Clock.systemUTC(),
                "test task", () -> {
                    if (runs.incrementAndGet() == 2) {
                        // Woken while running: the moment must not be lost, so a third run follows at once.
                        self.get().wake(java.time.Instant.now());
                    }
                    return Uni.createFrom().nullItem();
                });
        self.set(task);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 1);
            // Nothing is due for ten minutes; a wake makes it run now.
            task.wake(java.time.Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 3);
        } finally {
            task.stop();
        }
    }

    @Test
    void jobsStartedThroughPeriodicJobsCountTheirRunsAndAllStopWhenTheApplicationShutsDown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PeriodicJobs jobs = new PeriodicJobs(vertx, registry);
        AtomicInteger every = new AtomicInteger();
        AtomicInteger untilDue = new AtomicInteger();
        PeriodicTask first = jobs.every(Duration.ofMillis(20), "test job",
                () -> Uni.createFrom().item(every.incrementAndGet()));
        PeriodicTask second = jobs.untilDue(Duration.ofMillis(20), java.time.Clock.systemUTC(), "test due job",
                () -> Uni.createFrom().item(java.time.Instant.now()).invoke(untilDue::incrementAndGet));
        PeriodicTask failing = jobs.every(Duration.ofMillis(20), "test failing job", () -> {
            throw new IllegalStateException("broken on purpose");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> every.get() >= 3 && untilDue.get() >= 3
                && runs(registry, "test failing job", "failed") >= 2);
        assertThat(first.isStopped() || second.isStopped() || failing.isStopped()).isFalse();

        jobs.stopAll(new io.quarkus.runtime.ShutdownEvent());

        assertThat(first.isStopped()).isTrue();
        assertThat(second.isStopped()).isTrue();
        assertThat(failing.isStopped()).isTrue();
        // Each run that ended counted once, under its outcome (a run may still be under way at the stop).
        assertThat(runs(registry, "test job", "done")).isBetween(every.get() - 1.0, (double) every.get());
        assertThat(runs(registry, "test due job", "done")).isBetween(untilDue.get() - 1.0, (double) untilDue.get());
        assertThat(runs(registry, "test job", "failed")).isZero();
        assertThat(runs(registry, "test failing job", "done")).isZero();
    }

    private static double runs(SimpleMeterRegistry registry, String job, String outcome) {
        return registry.counter("tierdesk.jobs.runs", "job", job, "outcome", outcome).count();
    }
}
