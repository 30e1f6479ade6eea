package io.tierdesk.intake.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A request an agent registers — a phone call, a walk-in, a mail read out at the desk. The agent is recorded as
 * who registered it ({@code TicketOpened.registeredBy}) and stays the customer's contact; a customer named without
 * an external id is created with the default plan under a new one.
 */
@ApplicationScoped
public class TicketRegistration {
    /** What the agent registers, checked; {@code customer.externalId} null for a customer new to Tierdesk. */
    public record Request(Channel channel, Customer customer, String subject, String body, Urgency urgency,
            Diagnostics diagnostics) {
    }

    public record Customer(String externalId, String name, String email, String phone, String language) {
    }

    /** The new ticket, and the customer it was registered for (the id to use next time). */
    public record Registered(UUID ticketId, String number, String customerId, String reference) {
    }

    private final TicketOpening opening;
    private final TicketCommands tickets;

    public TicketRegistration(TicketOpening opening, TicketCommands tickets) {
        this.opening = opening;
        this.tickets = tickets;
    }

    public Uni<Registered> register(Mutiny.Session session, Request request, String agent) {
        UUID ticketId = UUID.randomUUID();
        String reference = CustomerReference.next();
        Customer given = request.customer();
        CustomerRef customer = new CustomerRef(given.externalId() != null ? given.externalId()
                : "c-" + UUID.randomUUID(), given.name(), given.email(), given.phone(), given.language());
        return opening.open(session, ticketId, new TicketOpening.Opening(request.channel(), customer,
                        request.subject(), request.body(), request.diagnostics(), request.urgency(), null, List.of(),
                        null, agent), agent, reference, tickets.now())
                .map(result -> new Registered(result.ticketId(), result.number(), customer.externalId(), reference));
    }
}
