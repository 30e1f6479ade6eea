package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A relay whose broker cannot be reached must not hold back anyone else's publishing. Relays read only below the
 * oldest running transaction id of the whole PostgreSQL cluster, so a relay that waited for its broker inside a
 * transaction with an id would stall every service's relay on that cluster for as long as it waited.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RelayIsolationTest {
    @Inject
    Pool pool;
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aRelayWaitingForAnUnreachableBrokerDoesNotDelayAnotherRelaysPublishing() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection connection = TierdeskInfra.connect(database);
             TestRelays.Stranded stranded = new TestRelays.Stranded(pool, eventing, database, Duration.ofSeconds(30),
                     Duration.ofSeconds(20))) {
            SampleStreams.insertNote(connection, UUID.randomUUID(), 1, "something for the stranded relay to send");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(stranded.relay::publishOnce, thread);
            Thread.sleep(1_000);
            assertThat(waiting).as("the stranded relay is waiting for its broker").isNotDone();

            UUID ticket = UUID.randomUUID();
            SampleStreams.insertNote(connection, ticket, 1, "published by the service's own relay");
            assertThat(TestKafka.read(eventing.topic(Topics.TICKETS), r -> ticket.toString().equals(r.key()),
                    found -> !found.isEmpty(), Duration.ofSeconds(10)))
                    .as("published while another relay waits for its broker").hasSize(1);
        } finally {
            thread.shutdownNow();
        }
    }
}
