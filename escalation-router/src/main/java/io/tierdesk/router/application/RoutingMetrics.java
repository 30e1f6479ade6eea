package io.tierdesk.router.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.FieldWork;
import io.tierdesk.router.domain.RoutedTicket;
import io.tierdesk.router.domain.RoutingDecider;
import io.tierdesk.router.domain.RoutingState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** The router's counters and the queue-wait timer, counted from the events it decides. */
@ApplicationScoped
public class RoutingMetrics {
    private final MeterRegistry registry;

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One decided event; {@code before} is the ticket as it was, for how long it waited in the queue. */
    void count(RoutingEvent event, RoutedTicket before, Instant at) {
        switch (event) {
            case TicketAssigned e -> {
                registry.counter("tierdesk.router.assignments", "tier", e.tier().name(), "by",
                        RoutingDecider.POLICY.equals(e.assignedBy()) ? "policy" : "agent").increment();
                if (before.state() == RoutingState.QUEUED && before.queuedAt() != null) {
                    Timer.builder("tierdesk.router.queue.wait").description("time from queue to assignment")
                            .tag("tier", e.tier().name()).publishPercentileHistogram().register(registry)
                            .record(Duration.between(before.queuedAt(), at));
                }
            }
            case TicketQueued e -> registry.counter("tierdesk.router.queued", "tier", e.tier().name()).increment();
            case TicketEscalated e -> moved(e.fromTier().name(), e.toTier().name(), e.reason());
            case TicketReturned e -> moved(e.fromTier().name(), e.toTier().name(), RoutingDecider.RETURNED);
            case SupervisorAlerted e -> registry.counter("tierdesk.router.supervisor.alerts", "tier", e.tier().name(),
                    "reason", e.reason()).increment();
            case TicketTriaged e -> {
            }
            case VendorUpdateRecorded e -> registry.counter("tierdesk.router.vendor.updates", "vendor", e.vendorId())
                    .increment();
            case FieldWork e -> registry.counter("tierdesk.router.field.work", "event",
                    e.getClass().getSimpleName()).increment();
        }
    }

    private void moved(String from, String to, String reason) {
        registry.counter("tierdesk.router.escalations", "from", from, "to", to, "reason", reason).increment();
    }
}
