package io.tierdesk.sla;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.ServiceContract;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Urgency;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SlaMonitorServiceTest extends ServiceContract {
    /** Forty openings at once: a poll per transaction. */
    @Override
    protected Burst burst() {
        return burst(Topics.TICKETS, "sla-tickets", true,
                ticket -> TestEvents.opened(ticket, "printers", Urgency.MEDIUM));
    }
}
