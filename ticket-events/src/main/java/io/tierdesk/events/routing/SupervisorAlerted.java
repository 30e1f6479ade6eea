package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * Hierarchical escalation: a supervisor is to look at the ticket (an SLA clock breached). The notification service
 * turns it into a message. {@code supervisorId} is the assignee's supervisor, else the owner's, else the configured
 * fallback; when none is known it is absent and the alert is meant for the supervisors of {@code tier}.
 */
public record SupervisorAlerted(UUID ticketId, Tier tier, String supervisorId, String assigneeId, String ownerId,
        Priority priority, String reason, String detail, Instant alertedAt) implements RoutingEvent {
    public SupervisorAlerted {
        Require.present(ticketId, "ticketId");
        Require.present(tier, "tier");
        Require.text(reason, "reason");
        Require.present(alertedAt, "alertedAt");
    }
}
