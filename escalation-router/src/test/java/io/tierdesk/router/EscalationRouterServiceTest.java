package io.tierdesk.router;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.ServiceContract;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Urgency;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class EscalationRouterServiceTest extends ServiceContract {
    /** Forty openings at once, each decided in its own transaction under its line's lock (docs/decisions.md). */
    @Override
    protected Burst burst() {
        return burst(Topics.TICKETS, "router", false, ticket -> TestEvents.opened(ticket, "printers", Urgency.MEDIUM));
    }
}
