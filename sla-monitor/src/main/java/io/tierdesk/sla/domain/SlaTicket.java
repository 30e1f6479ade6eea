package io.tierdesk.sla.domain;

import io.tierdesk.events.routing.Priority;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket as sla-monitor keeps it: its plan and the policy its clocks started under, its priority (provisional
 * until routing triages it), the line it is on, and its clocks.
 *
 * @param openedAt         null until the ticket's opening arrived (routing may speak first)
 * @param policy           the policy the clocks started under; null before the opening
 * @param triaged          whether the priority came from routing rather than the plan's default
 * @param awaitingCustomer the ticket waits for the customer's answer (resolution paused)
 * @param agentSpokeLast   the last public message was an agent's: the customer's next one starts next-reply
 */
public record SlaTicket(UUID ticketId, String plan, Instant openedAt, SlaPolicy policy, Priority priority,
        boolean triaged, String tier, boolean awaitingCustomer, boolean agentSpokeLast,
        Map<ClockKind, SlaClock> clocks) {
    public SlaTicket {
        clocks = Collections.unmodifiableMap(clocks.isEmpty() ? new EnumMap<>(ClockKind.class)
                : new EnumMap<>(clocks));
    }

    public static SlaTicket unseen(UUID ticketId) {
        return new SlaTicket(ticketId, null, null, null, null, false, null, false, false, Map.of());
    }

    public boolean opened() {
        return openedAt != null;
    }

    SlaTicket with(ClockKind kind, SlaClock clock) {
        Map<ClockKind, SlaClock> next = new EnumMap<>(ClockKind.class);
        next.putAll(clocks);
        next.put(kind, clock);
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, next);
    }

    SlaTicket with(boolean awaitingCustomer, boolean agentSpokeLast) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks);
    }

    SlaTicket onLine(String tier) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks);
    }

    SlaTicket prioritised(Priority priority, boolean triaged) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks);
    }

    SlaTicket openedUnder(String plan, SlaPolicy policy, Priority priority, Instant at) {
        return new SlaTicket(ticketId, plan, at, policy, priority, triaged, tier, awaitingCustomer, agentSpokeLast,
                clocks);
    }
}
