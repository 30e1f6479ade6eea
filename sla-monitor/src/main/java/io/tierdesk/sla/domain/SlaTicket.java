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
 * @param vendor           the vendor case its vendor clocks run for (the last one opened); null when none
 */
public record SlaTicket(UUID ticketId, String plan, Instant openedAt, SlaPolicy policy, Priority priority,
        boolean triaged, String tier, boolean awaitingCustomer, boolean agentSpokeLast,
        Map<ClockKind, SlaClock> clocks, VendorTerms vendor) {
    public SlaTicket {
        clocks = Collections.unmodifiableMap(clocks.isEmpty() ? new EnumMap<>(ClockKind.class)
                : new EnumMap<>(clocks));
    }

    public static SlaTicket unseen(UUID ticketId) {
        return new SlaTicket(ticketId, null, null, null, null, false, null, false, false, Map.of(), null);
    }

    public boolean opened() {
        return openedAt != null;
    }

    SlaTicket with(ClockKind kind, SlaClock clock) {
        Map<ClockKind, SlaClock> next = new EnumMap<>(ClockKind.class);
        next.putAll(clocks);
        next.put(kind, clock);
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, next, vendor);
    }

    SlaTicket withVendor(VendorTerms vendor) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks, vendor);
    }

    /** The calendar a clock counts on: the vendor's agreement's for a vendor clock, the customer's otherwise. */
    public BusinessCalendar calendarOf(ClockKind kind, BusinessCalendar customers) {
        return kind.vendor() && vendor != null ? vendor.businessCalendar() : customers;
    }

    SlaTicket with(boolean awaitingCustomer, boolean agentSpokeLast) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks, vendor);
    }

    SlaTicket onLine(String tier) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks, vendor);
    }

    SlaTicket prioritised(Priority priority, boolean triaged) {
        return new SlaTicket(ticketId, plan, openedAt, policy, priority, triaged, tier, awaitingCustomer,
                agentSpokeLast, clocks, vendor);
    }

    SlaTicket openedUnder(String plan, SlaPolicy policy, Priority priority, Instant at) {
        return new SlaTicket(ticketId, plan, at, policy, priority, triaged, tier, awaitingCustomer, agentSpokeLast,
                clocks, vendor);
    }
}
