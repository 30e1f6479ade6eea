package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.testing.TierdeskInfra;
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
}
