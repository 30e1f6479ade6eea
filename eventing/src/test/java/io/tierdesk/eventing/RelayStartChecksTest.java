package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** States in which the relay would publish nothing, silently, are errors when it starts. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RelayStartChecksTest {
    @Inject
    RelayService relayService;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aMissingCheckpointIsAnErrorAtStart() throws Exception {
        relayService.stop();
        try (Connection connection = TierdeskInfra.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM relay_checkpoint WHERE name = 'kafka'");
            sql.execute("DELETE FROM relay_checkpoint WHERE name = 'kafka'");
            try {
                assertThatThrownBy(relayService::start).hasMessageContaining("missing")
                        .hasMessageContaining("docs/runbooks.md");
                assertThat(relayService.isRunning()).isFalse();
            } finally {
                sql.execute("INSERT INTO relay_checkpoint SELECT * FROM saved");
            }
        } finally {
            relayService.start();
        }
        assertThat(relayService.isRunning()).isTrue();
    }

    @Test
    void aCheckpointBeyondTheClustersTransactionIdsIsAnErrorAtStart() throws Exception {
        relayService.stop();
        try (Connection connection = TierdeskInfra.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM relay_checkpoint WHERE name = 'kafka'");
            // What a logical restore from a busier cluster leaves behind.
            sql.execute("UPDATE relay_checkpoint SET last_transaction_id = '999999999999' WHERE name = 'kafka'");
            try {
                assertThatThrownBy(relayService::start).hasMessageContaining("logical restore");
                assertThat(relayService.isRunning()).isFalse();
            } finally {
                sql.execute("UPDATE relay_checkpoint c SET last_transaction_id = s.last_transaction_id, "
                        + "last_id = s.last_id FROM saved s WHERE c.name = 'kafka'");
            }
        } finally {
            relayService.start();
        }
        assertThat(relayService.isRunning()).isTrue();
    }
}
