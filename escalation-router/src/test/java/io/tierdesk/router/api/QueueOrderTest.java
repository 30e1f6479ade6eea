package io.tierdesk.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.store.SqlTime;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.router.domain.QueuedTicket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The queue order has one definition: PostgreSQL sorting by {@link QueuedTicket#ORDER_BY} agrees with the decider. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class QueueOrderTest {
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void theSqlOrderAndTheDomainOrderSortTheSameQueueAlike() throws Exception {
        Random random = new Random(7);
        Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
        List<QueuedTicket> queue = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Few distinct values, so every tie-breaker is reached; ids of both signs, as uuids sort by their bytes.
            UUID id = new UUID(random.nextLong(), random.nextLong());
            Priority priority = Priority.values()[random.nextInt(2)];
            Instant due = random.nextInt(3) == 0 ? null : t0.plusSeconds(60L * random.nextInt(3));
            Instant queuedAt = t0.plusSeconds(random.nextInt(3));
            queue.add(new QueuedTicket(id, Tier.L3, null, priority, due, queuedAt));
        }
        try (Connection c = TierdeskInfra.connect(database)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO routed_ticket (ticket_id, plan, impact, "
                    + "urgency, priority, tier, state, sla_due_at, queued_at, opened_at) VALUES (?, 'warranty', "
                    + "'medium', 'medium', ?, 'L3', 'queued', ?, ?, now())")) {
                for (QueuedTicket t : queue) {
                    insert.setObject(1, t.ticketId());
                    insert.setString(2, t.priority().name());
                    insert.setObject(3, SqlTime.utc(t.slaDueAt()));
                    insert.setObject(4, SqlTime.utc(t.queuedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            List<UUID> bySql = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT ticket_id FROM routed_ticket "
                    + "WHERE ticket_id = ANY (?) ORDER BY " + QueuedTicket.ORDER_BY)) {
                select.setArray(1, c.createArrayOf("uuid", queue.stream().map(QueuedTicket::ticketId).toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bySql.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            c.rollback();
            List<UUID> byDomain = queue.stream().sorted(QueuedTicket.ORDER).map(QueuedTicket::ticketId).toList();
            assertThat(bySql).containsExactlyElementsOf(byDomain);
        }
    }
}
