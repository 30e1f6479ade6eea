package io.tierdesk.sla.domain;

import io.tierdesk.events.routing.Priority;
import java.time.Instant;

/** What sla-monitor learns about a ticket from the ticket and routing streams, reduced to what moves its clocks. */
public sealed interface TicketFact {
    /** When it happened (the customer's contact time for an opening), not when the event arrived. */
    Instant at();

    record Opened(String plan, Instant at) implements TicketFact {
    }

    /** Routing decided a priority; may come before the opening, from another topic. */
    record Triaged(Priority priority, String tier, Instant at) implements TicketFact {
    }

    /** The ticket moved to another line (escalation, return). */
    record Moved(String tier, Instant at) implements TicketFact {
    }

    /** An agent's public message to the customer: a reply, or a question that waits for the customer. */
    record AgentSpoke(boolean question, Instant at) implements TicketFact {
    }

    /**
     * The ticket went to L4 with a case at a vendor: the line, and the vendor's clocks on its agreement.
     * {@code terms} names the agreement's calendar, and carries it once the application has read it.
     */
    record VendorEngaged(VendorTerms terms, Instant at) implements TicketFact {
    }

    /** The vendor answered on its case; {@code resolved}: it says the fault is fixed. */
    record VendorAnswered(boolean resolved, Instant at) implements TicketFact {
    }

    /** A visit was booked; an on-site one owes the customer an engineer within the plan's on-site target. */
    record VisitBooked(boolean onSite, Instant at) implements TicketFact {
    }

    /** The engineer arrived, or took the equipment in. */
    record VisitBegan(Instant at) implements TicketFact {
    }

    record CustomerWrote(Instant at) implements TicketFact {
    }

    record Resolved(Instant at) implements TicketFact {
    }

    record Reopened(Instant at) implements TicketFact {
    }

    record Closed(Instant at) implements TicketFact {
    }
}
