package io.tierdesk.intake.domain;

import io.tierdesk.events.ticket.Attachment;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What can be asked of a ticket. {@code at} is the time the command is decided at. */
public sealed interface TicketCommand {
    Instant at();

    /** @param registeredBy the agent registering the request, or null when a channel posted it */
    record OpenTicket(UUID ticketId, String number, Channel channel, CustomerRef customer, SupportPlan plan,
            String subject, String body, Diagnostics diagnostics, Urgency statedUrgency, String threadRef,
            List<Attachment> attachments, UUID repeatOf, Instant at, String registeredBy) implements TicketCommand {
        public OpenTicket(UUID ticketId, String number, Channel channel, CustomerRef customer, SupportPlan plan,
                String subject, String body, Diagnostics diagnostics, Urgency statedUrgency, String threadRef,
                List<Attachment> attachments, UUID repeatOf, Instant at) {
            this(ticketId, number, channel, customer, plan, subject, body, diagnostics, statedUrgency, threadRef,
                    attachments, repeatOf, at, null);
        }
    }

    record ReceiveCustomerMessage(UUID messageId, Channel channel, String body, List<Attachment> attachments,
            Instant at) implements TicketCommand {
    }

    record ReplyToCustomer(String agentId, String body, Instant at) implements TicketCommand {
    }

    record AddInternalNote(String agentId, String note, Instant at) implements TicketCommand {
    }

    record AskCustomer(String agentId, String question, Instant at) implements TicketCommand {
    }

    record RecordDiagnostics(String agentId, Diagnostics diagnostics, String category, Instant at)
            implements TicketCommand {
    }

    record ResolveTicket(String agentId, String solutionSummary, UUID articleId, Instant at) implements TicketCommand {
    }

    record CloseTicket(String agentId, Instant at) implements TicketCommand {
    }

    record ReopenTicket(String agentId, String reason, Instant at) implements TicketCommand {
    }

    record ConfirmResolution(Instant at) implements TicketCommand {
    }

    record RejectResolution(String comment, Instant at) implements TicketCommand {
    }

    record RateSatisfaction(int rating, String comment, Instant at) implements TicketCommand {
    }

    /** The timer's command: close a resolved ticket the customer left unanswered for the whole period. */
    record AutoClose(Instant at) implements TicketCommand {
    }
}
