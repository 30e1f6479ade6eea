package io.tierdesk.intake.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.Attachment;
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
 * Opens one ticket, however the request came: the customer (created with the default plan when new), the plan in
 * force on the day, the next number, {@code TicketOpened}, the count of openings. A channel's message and an agent's
 * registration both come here; a batch of new tickets is opened together by {@link BatchOpening}.
 */
@ApplicationScoped
public class TicketOpening {
    /** What the new ticket says; {@code registeredBy} the agent who took the request down, or null. */
    public record Opening(Channel channel, CustomerRef customer, String subject, String body, Diagnostics diagnostics,
            Urgency urgency, String threadRef, List<Attachment> attachments, UUID repeatOf, String registeredBy) {
    }

    private final TicketCommands tickets;
    private final Customers customers;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public TicketOpening(TicketCommands tickets, Customers customers, IntakeConfig config, MeterRegistry metrics) {
        this.tickets = tickets;
        this.customers = customers;
        this.config = config;
        this.metrics = metrics;
    }

    /** @param reference the customer's proof for later answers ({@link CustomerReference}) */
    public Uni<CommandResult> open(Mutiny.Session session, UUID ticketId, Opening o, String actor, String reference,
            Instant at) {
        return customers.findOrCreate(session, o.customer()).chain(customer -> {
            var plan = customer.planOn(customers.today(at), config.defaultSupportPlan());
            return tickets.open(session, ticketId, number -> new TicketCommand.OpenTicket(ticketId, number,
                            o.channel(), o.customer(), plan, o.subject(), o.body(), o.diagnostics(), o.urgency(),
                            o.threadRef(), o.attachments(), o.repeatOf(), at, o.registeredBy()), actor, reference,
                            o.customer().externalId())
                    .invoke(() -> metrics.counter("tierdesk.intake.tickets.opened", "channel",
                            o.channel().wireName(), "plan", plan.wireName()).increment());
        });
    }
}
