package io.tierdesk.intake.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.intake.domain.TicketCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

    private final TicketCommands tickets;
    private final Customers customers;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public TicketRegistration(TicketCommands tickets, Customers customers, IntakeConfig config, MeterRegistry metrics) {
        this.tickets = tickets;
        this.customers = customers;
        this.config = config;
        this.metrics = metrics;
    }

    public Uni<Registered> register(Mutiny.Session session, Request request, String agent) {
        UUID ticketId = UUID.randomUUID();
        String reference = CustomerReference.next();
        Instant at = tickets.now();
        Customer given = request.customer();
        CustomerRef customer = new CustomerRef(given.externalId() != null ? given.externalId()
                : "c-" + UUID.randomUUID(), given.name(), given.email(), given.phone(), given.language());
        return customers.findOrCreate(session, customer).chain(known -> {
            var plan = known.planOn(customers.today(at), config.defaultSupportPlan());
            return tickets.open(session, ticketId, number -> new TicketCommand.OpenTicket(ticketId, number,
                            request.channel(), customer, plan, request.subject(), request.body(),
                            request.diagnostics(), request.urgency(), null, List.of(), null, at, agent), agent,
                            reference, customer.externalId())
                    .invoke(() -> metrics.counter("tierdesk.intake.tickets.opened", "channel",
                            request.channel().wireName(), "plan", plan.wireName()).increment());
        }).map(result -> new Registered(result.ticketId(), result.number(), customer.externalId(), reference));
    }
}
