package io.tierdesk.intake.domain;

import io.tierdesk.eventing.domain.Decider;
import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.CloseReason;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.ResolutionConfirmed;
import io.tierdesk.events.ticket.SatisfactionRated;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketDiagnosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.intake.domain.TicketCommand.AddInternalNote;
import io.tierdesk.intake.domain.TicketCommand.AskCustomer;
import io.tierdesk.intake.domain.TicketCommand.AutoClose;
import io.tierdesk.intake.domain.TicketCommand.CloseTicket;
import io.tierdesk.intake.domain.TicketCommand.ConfirmResolution;
import io.tierdesk.intake.domain.TicketCommand.OpenTicket;
import io.tierdesk.intake.domain.TicketCommand.RateSatisfaction;
import io.tierdesk.intake.domain.TicketCommand.ReceiveCustomerMessage;
import io.tierdesk.intake.domain.TicketCommand.RecordDiagnostics;
import io.tierdesk.intake.domain.TicketCommand.RejectResolution;
import io.tierdesk.intake.domain.TicketCommand.ReopenTicket;
import io.tierdesk.intake.domain.TicketCommand.ReplyToCustomer;
import io.tierdesk.intake.domain.TicketCommand.ResolveTicket;
import io.tierdesk.rules.WorkRule;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * decide(state, command) → events, or {@link TicketRejected}. Plain Java: no framework, no clock, no I/O; the
 * application layer loads the state, passes who works on the ticket, and appends what comes back.
 */
public final class TicketDecider implements Decider<Ticket, TicketCommand, TicketEvent, Participants> {
    public static final String CUSTOMER = "customer";
    public static final String SYSTEM = "system";

    private final TicketPolicy policy;

    public TicketDecider(TicketPolicy policy) {
        this.policy = policy;
    }

    public TicketPolicy policy() {
        return policy;
    }

    /**
     * A customer message on this ticket would start a new ticket (a repeat contact) rather than reopen it: the
     * ticket closed longer ago than the reopen window.
     */
    public boolean isBeyondReopenWindow(Ticket state, Instant at) {
        return state.status() == TicketStatus.CLOSED && state.closedAt() != null
                && state.closedAt().plus(policy.reopenWindow()).isBefore(at);
    }

    /** The commands the rule of the lines governs: what changes the ticket for the customer. */
    public static boolean isWorkOnTicket(TicketCommand command) {
        return command instanceof ReplyToCustomer || command instanceof AskCustomer
                || command instanceof RecordDiagnostics || command instanceof ResolveTicket
                || command instanceof CloseTicket;
    }

    @Override
    public Ticket initial() {
        return Ticket.NONE;
    }

    @Override
    public Ticket evolve(Ticket state, TicketEvent event) {
        return state.apply(event);
    }

    @Override
    public List<TicketEvent> decide(Ticket state, TicketCommand command, Participants participants) {
        if (!(command instanceof OpenTicket) && !state.exists()) {
            throw new TicketRejected(null, "no such ticket");
        }
        switch (command) {
            case OpenTicket c -> {
                if (state.exists()) {
                    throw new TicketRejected(state.status(), "ticket " + c.ticketId() + " already exists");
                }
                return List.of(new TicketOpened(c.ticketId(), c.number(), c.channel(), c.customer(), c.plan(),
                        c.subject(), c.body(), c.diagnostics(), c.statedUrgency(), c.threadRef(), c.attachments(),
                        c.repeatOf(), c.at(), c.registeredBy()));
            }
            case ReceiveCustomerMessage c -> {
                return receive(state, c);
            }
            case ReplyToCustomer c -> {
                requireActive(state, "reply to the customer");
                requireWorksOn(participants, c.agentId(), "reply to the customer");
                return List.of(new AgentReplied(state.id(), c.agentId(), c.body(), c.at()));
            }
            case AddInternalNote c -> {
                return List.of(new InternalNoteAdded(state.id(), c.agentId(), c.note(), c.at()));
            }
            case AskCustomer c -> {
                requireActive(state, "ask the customer");
                requireWorksOn(participants, c.agentId(), "ask the customer");
                return List.of(new TicketAwaitingCustomer(state.id(), c.agentId(), c.question(), c.at()));
            }
            case RecordDiagnostics c -> {
                requireActive(state, "record diagnostics");
                requireWorksOn(participants, c.agentId(), "record diagnostics");
                return List.of(new TicketDiagnosed(state.id(), c.agentId(), c.diagnostics(), c.category(), c.at()));
            }
            case ResolveTicket c -> {
                requireActive(state, "resolve");
                requireWorksOn(participants, c.agentId(), "resolve the ticket");
                return List.of(new TicketResolved(state.id(), c.agentId(), c.solutionSummary(), c.articleId(),
                        c.at()));
            }
            case CloseTicket c -> {
                if (state.status() == TicketStatus.CLOSED) {
                    throw new TicketRejected(state.status(), "cannot close: the ticket is already closed");
                }
                requireWorksOn(participants, c.agentId(), "close the ticket");
                return List.of(new TicketClosed(state.id(), CloseReason.AGENT, c.agentId(), c.at()));
            }
            case ReopenTicket c -> {
                requireOneOf(state, "reopen", TicketStatus.RESOLVED, TicketStatus.CLOSED);
                return List.of(new TicketReopened(state.id(), c.reason(), c.agentId(), c.at()));
            }
            case ConfirmResolution c -> {
                requireOneOf(state, "confirm the resolution", TicketStatus.RESOLVED);
                return List.of(new ResolutionConfirmed(state.id(), c.at()),
                        new TicketClosed(state.id(), CloseReason.CONFIRMED, CUSTOMER, c.at()));
            }
            case RejectResolution c -> {
                requireOneOf(state, "reject the resolution", TicketStatus.RESOLVED);
                String reason = "the customer rejected the resolution"
                        + (c.comment() == null || c.comment().isBlank() ? "" : ": " + c.comment());
                return List.of(new TicketReopened(state.id(), reason, CUSTOMER, c.at()));
            }
            case RateSatisfaction c -> {
                requireOneOf(state, "rate", TicketStatus.RESOLVED, TicketStatus.CLOSED);
                if (state.rated()) {
                    throw new TicketRejected(state.status(), "the customer has already rated this ticket");
                }
                return List.of(new SatisfactionRated(state.id(), c.rating(), c.comment(), c.at()));
            }
            case AutoClose c -> {
                boolean due = state.status() == TicketStatus.RESOLVED
                        && !state.resolvedAt().plus(policy.autoClosePeriod()).isAfter(c.at());
                // Not due (any more) is not an error: the timer may fire late, twice, or after the customer answered.
                return due ? List.of(new TicketClosed(state.id(), CloseReason.AUTO_CLOSED, SYSTEM, c.at()))
                        : List.of();
            }
        }
    }

    private List<TicketEvent> receive(Ticket state, ReceiveCustomerMessage c) {
        CustomerMessageReceived message = new CustomerMessageReceived(state.id(), c.messageId(), c.channel(), c.body(),
                c.attachments(), c.at());
        if (state.status().isActive()) {
            return List.of(message);
        }
        if (isBeyondReopenWindow(state, c.at())) {
            throw new TicketRejected(state.status(), "the ticket closed more than " + policy.reopenWindow()
                    + " ago; a new message starts a new ticket");
        }
        String reason = state.status() == TicketStatus.RESOLVED ? "the customer wrote again after the resolution"
                : "the customer wrote again within the reopen window";
        return List.of(new TicketReopened(state.id(), reason, CUSTOMER, c.at()), message);
    }

    /**
     * The rule of the lines (a 403, checked after the state so that a 409 still says what the ticket forbids); the
     * organisation may lift it for everyone.
     */
    private void requireWorksOn(Participants participants, String agentId, String action) {
        if (!policy.anyoneMayWork()) {
            WorkRule.require(agentId, participants.supervisorActing(), participants.owner(), participants.assignee(),
                    action);
        }
    }

    private static void requireActive(Ticket state, String action) {
        if (!state.status().isActive()) {
            throw new TicketRejected(state.status(), "cannot " + action + ": the ticket is "
                    + state.status().name().toLowerCase(Locale.ROOT));
        }
    }

    private static void requireOneOf(Ticket state, String action, TicketStatus... allowed) {
        if (!List.of(allowed).contains(state.status())) {
            throw new TicketRejected(state.status(), "cannot " + action + ": the ticket is "
                    + state.status().name().toLowerCase(Locale.ROOT));
        }
    }
}
