package io.tierdesk.intake.application;

import io.tierdesk.eventing.store.SqlRows;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventSourcing;
import io.tierdesk.eventing.store.EventSourcing.Loaded;
import io.tierdesk.intake.domain.Participants;
import io.tierdesk.intake.domain.Ticket;
import io.tierdesk.intake.domain.TicketCommand;
import io.tierdesk.intake.domain.TicketDecider;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/** Runs ticket commands: load the stream, check If-Match, decide, append, keep timers — one transaction. */
@ApplicationScoped
public class TicketCommands {
    public static final String STREAM = "ticket";
    /** The human number of sequence value {@code n}: TD-000123, more digits once six are not enough. */
    static final String NUMBER_OF_N = "'TD-' || CASE WHEN n < 1000000 THEN lpad(CAST(n AS text), 6, '0') "
            + "ELSE CAST(n AS text) END";

    private final EventSourcing sourcing;
    private final TicketDecider decider;
    private final Clock clock;

    public TicketCommands(EventSourcing sourcing, IntakeConfig config, Clock clock) {
        this.sourcing = sourcing;
        this.decider = new TicketDecider(config.policy());
        this.clock = clock;
    }

    public TicketDecider decider() {
        return decider;
    }

    public Instant now() {
        return clock.instant();
    }

    public Uni<Ticket> load(Mutiny.Session session, UUID ticketId) {
        return sourcing.load(session, ticketId.toString(), decider, TicketEvent.class).map(Loaded::state);
    }

    /**
     * Decides a command on an existing ticket in the caller's transaction.
     *
     * @param ifMatch the version the caller saw, or null to skip the check
     */
    public Uni<CommandResult> execute(Mutiny.Session session, UUID ticketId, Long ifMatch, String actor,
            Function<Instant, TicketCommand> command) {
        return execute(session, ticketId, ifMatch, actor, false, command);
    }

    /** @param supervisor whether the actor is a supervisor, whom the rule of the lines lets act on any ticket */
    public Uni<CommandResult> execute(Mutiny.Session session, UUID ticketId, Long ifMatch, String actor,
            boolean supervisor, Function<Instant, TicketCommand> command) {
        return load(session, ticketId).chain(state -> {
            if (!state.exists()) {
                return Uni.createFrom().failure(new TicketNotFound("ticketId", ticketId.toString()));
            }
            return execute(session, state, ifMatch, actor, supervisor, command);
        });
    }

    /** The same on a ticket the caller has just loaded in this transaction. */
    public Uni<CommandResult> execute(Mutiny.Session session, Ticket state, Long ifMatch, String actor,
            boolean supervisor, Function<Instant, TicketCommand> command) {
        Instant at = now();
        if (ifMatch != null && ifMatch != state.version()) {
            return Uni.createFrom().failure(new PreconditionFailed(ifMatch, state.version()));
        }
        TicketCommand decided = command.apply(at);
        // Only what the rule of the lines governs depends on who works on the ticket; the rest skip the lookup.
        Uni<Participants> participants = TicketDecider.isWorkOnTicket(decided)
                ? participants(session, state.id()).map(who -> supervisor ? who.actedOnBySupervisor() : who)
                : Uni.createFrom().item(Participants.NONE);
        return participants.chain(who -> append(session, state, decided, who, actor, at));
    }

    /**
     * Opens a new ticket: draws the next number and records it in one statement, then decides and appends.
     *
     * @param command   the command for the number drawn
     * @param reference the customer's proof for later answers ({@link CustomerReference})
     * @param customer  the customer's external id: only their messages may name the number
     */
    public Uni<CommandResult> open(Mutiny.Session session, UUID ticketId, Function<String, TicketCommand.OpenTicket> command,
            String actor, String reference, String customer) {
        return session.<String>createNativeQuery("WITH next AS (SELECT nextval('ticket_number_seq') AS n) "
                        + "INSERT INTO ticket_number (number, ticket_id, customer_reference, customer_id) SELECT "
                        + NUMBER_OF_N + ", ?1, ?2, ?3 FROM next RETURNING number")
                .setParameter(1, ticketId).setParameter(2, reference).setParameter(3, customer).getSingleResult()
                .chain(number -> {
                    TicketCommand.OpenTicket open = command.apply(number);
                    return append(session, Ticket.NONE, open, Participants.NONE, actor, open.at());
                });
    }

    /**
     * The customer's own ticket of this number, or null: a number another customer's message names finds nothing,
     * exactly as an unknown number does.
     */
    public Uni<UUID> findCustomersTicket(Mutiny.Session session, String number, String customer) {
        return session.<UUID>createNativeQuery("SELECT ticket_id FROM ticket_number WHERE number = ?1 "
                        + "AND customer_id = ?2")
                .setParameter(1, number).setParameter(2, customer).getSingleResultOrNull();
    }

    /** The ticket a customer's answer is about, or null when number and reference do not belong together. */
    public Uni<UUID> findByCustomerReference(Mutiny.Session session, String number, String reference) {
        return session.<UUID>createNativeQuery("SELECT ticket_id FROM ticket_number WHERE number = ?1 "
                        + "AND customer_reference = ?2")
                .setParameter(1, number).setParameter(2, reference).getSingleResultOrNull();
    }

    private Uni<CommandResult> append(Mutiny.Session session, Ticket state, TicketCommand command,
            Participants who, String actor, Instant at) {
        // A command on a ticket that does not exist is refused by the decider before the stream's id is used.
        String ticketId = String.valueOf(command instanceof TicketCommand.OpenTicket open ? open.ticketId()
                : state.id());
        return sourcing.decideAndAppend(session, STREAM, ticketId, new Loaded<>(state, state.version()), decider,
                        command, who, EventMetadata.actor(actor), at)
                .call(outcome -> keepTimers(session, outcome.state().id(), outcome.events()))
                .map(outcome -> new CommandResult(outcome.state().id(), outcome.state().number(), outcome.version(),
                        outcome.events()));
    }

    /** The auto-close timer lives in the same transaction as the events that start and stop it. */
    private Uni<Void> keepTimers(Mutiny.Session session, UUID ticketId, List<TicketEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TicketEvent event : events) {
            if (event instanceof TicketResolved resolved) {
                Instant due = resolved.resolvedAt().plus(decider.policy().autoClosePeriod());
                chain = chain.chain(() -> session.createNativeMutationQuery("INSERT INTO auto_close_timer (ticket_id, "
                                + "due_at) VALUES (?1, ?2) ON CONFLICT (ticket_id) DO UPDATE SET due_at = EXCLUDED.due_at")
                        .setParameter(1, ticketId).setParameter(2, due.atOffset(ZoneOffset.UTC))
                        .executeUpdate().replaceWithVoid());
            } else if (event instanceof TicketClosed || event instanceof TicketReopened) {
                chain = chain.chain(() -> session.createNativeMutationQuery("DELETE FROM auto_close_timer WHERE "
                                + "ticket_id = ?1").setParameter(1, ticketId).executeUpdate().replaceWithVoid());
            }
        }
        return chain;
    }

    /** Owner and assignee as the view learned them from routing; none before routing spoke. */
    private Uni<Participants> participants(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT owner, assignee FROM ticket_routing WHERE ticket_id = ?1", ticketId)
                .map(row -> row == null ? Participants.NONE
                        : new Participants(row.text("owner"), row.text("assignee")));
    }
}
