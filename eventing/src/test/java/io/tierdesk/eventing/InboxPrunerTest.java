package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TierdeskInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The inbox forgets what it applied once the retention window has passed, and remembers everything within it; so do
 * idempotency keys, within theirs.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class InboxPrunerTest {
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void rowsOlderThanTheRetentionAreDeletedAndRecentOnesKept() throws Exception {
        String consumer = "prune-" + UUID.randomUUID();
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, now() - ?::interval)")) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, consumer);
                insert.setString(2, "old-" + i);
                insert.setString(3, "15 days");
                insert.executeUpdate();
            }
            insert.setString(1, consumer);
            insert.setString(2, "recent");
            insert.setString(3, "13 days");
            insert.executeUpdate();
        }
        // The sample prunes every second (application.properties).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestDb.column(database,
                "SELECT event_id FROM processed_event WHERE consumer = ?", consumer)).containsExactly("recent"));
    }

    @Test
    void idempotencyReceiptsOlderThanTheirRetentionAreDeletedAndRecentOnesKept() throws Exception {
        String caller = "prune-" + UUID.randomUUID();
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO command_receipt (caller, key, request_hash, answer, created_at)
                VALUES (?, ?, 'h', '{}', now() - ?::interval)""")) {
            for (String[] row : new String[][] {{"old", "25 hours"}, {"recent", "23 hours"}}) {
                insert.setString(1, caller);
                insert.setString(2, row[0]);
                insert.setString(3, row[1]);
                insert.executeUpdate();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestDb.column(database,
                "SELECT key FROM command_receipt WHERE caller = ?", caller)).containsExactly("recent"));
    }
}
