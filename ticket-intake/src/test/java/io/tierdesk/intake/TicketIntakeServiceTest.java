package io.tierdesk.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.ServiceContract;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class TicketIntakeServiceTest extends ServiceContract {
    /** What routing said about tickets: one of the facts the agents' view keeps, a poll per transaction. */
    @Override
    protected Burst burst() {
        return burst(Topics.ROUTING, "ticket-view", true, ticket -> new TicketTriaged(ticket, "medium", "medium",
                Priority.P3, "printers", "printers", Tier.L1, "router", Instant.now()));
    }
}
