package io.tierdesk.intake.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.AdvisoryLocks;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.channel.ChannelEvents;
import io.tierdesk.events.channel.MonitoringAlert;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.intake.domain.Ticket;
import io.tierdesk.intake.domain.TicketCommand;
import io.tierdesk.intake.domain.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Failures reported by monitoring, for customers whose plan includes it. A raised alert opens a ticket on the
 * {@code monitoring} channel; the same alert key raised again while that ticket is open is counted on it (and
 * reopens it while resolved within the reopen window), so a flapping alert makes one ticket, not one per flap. A
 * clearing notes the recovery and resolves a ticket no agent has touched yet (still new), unless told not to.
 */
@ApplicationScoped
public class MonitoringAlerts {
    /** Who acts for the monitoring channel in the ticket's events. */
    public static final String AGENT = "monitoring";

    private final TicketCommands tickets;
    private final TicketOpening opening;
    private final Customers customers;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public MonitoringAlerts(TicketCommands tickets, TicketOpening opening, Customers customers, IntakeConfig config,
            MeterRegistry metrics) {
        this.tickets = tickets;
        this.opening = opening;
        this.customers = customers;
        this.config = config;
        this.metrics = metrics;
    }

    record Known(UUID ticketId, int raised) {
    }

    Uni<ChannelAnswer> receive(Mutiny.Session session, CloudEvent event, MonitoringAlert alert, String actor) {
        String customerId = alert.customer().externalId();
        // One alert key of one customer is decided one event at a time: two raises at once would open two tickets.
        return AdvisoryLocks.lockAll(session,
                        List.of("alert:" + customerId.length() + ":" + customerId + ":" + alert.alertKey()))
                .chain(() -> customers.find(session, customerId))
                .chain(customer -> {
                    if (customer == null) {
                        return Uni.createFrom().failure(Rejection.notAllowedNow("customer.externalId",
                                "no customer '" + customerId + "': monitoring reports for customers intake knows"));
                    }
                    SupportPlan plan = customer.planOn(customers.today(tickets.now()), config.defaultSupportPlan());
                    if (!config.monitoringPlans().contains(plan.wireName())) {
                        return Uni.createFrom().failure(Rejection.notAllowedNow("plan", "the customer's plan "
                                + plan.wireName() + " does not include monitoring; plans that do: "
                                + config.monitoringPlans().stream().sorted().toList()));
                    }
                    CustomerRef ref = new CustomerRef(customer.externalId(), customer.name(), customer.email(),
                            customer.phone(), customer.language());
                    return known(session, customerId, alert.alertKey()).chain(known ->
                            ChannelEvents.ALERT_CLEARED.equals(event.type())
                                    ? cleared(session, event, alert, known, actor)
                                    : raised(session, event, alert, ref, known, actor));
                });
    }

    private Uni<ChannelAnswer> raised(Mutiny.Session session, CloudEvent event, MonitoringAlert alert,
            CustomerRef customer, Known known, String actor) {
        if (known == null) {
            return open(session, event, alert, customer, null, actor);
        }
        return tickets.load(session, known.ticketId()).chain(state -> {
            if (state.status().isActive()) {
                return count(session, event, alert, known, state, ChannelAnswer.REPEATED);
            }
            if (!tickets.decider().isBeyondReopenWindow(state, tickets.now())) {
                return tickets.execute(session, state, null, actor, true, at -> new TicketCommand.ReopenTicket(AGENT,
                                "the monitored failure " + alert.alertKey() + " was raised again", at))
                        .chain(result -> count(session, event, alert, known, state, ChannelAnswer.REOPENED));
            }
            return open(session, event, alert, customer, known.ticketId(), actor);
        });
    }

    private Uni<ChannelAnswer> open(Mutiny.Session session, CloudEvent event, MonitoringAlert alert,
            CustomerRef customer, UUID repeatOf, String actor) {
        UUID ticketId = UUID.randomUUID();
        Instant at = tickets.now();
        String subject = "[" + alert.severity().wireName() + "] " + alert.object() + ": " + alert.summary();
        String body = alert.details() == null || alert.details().isBlank() ? alert.summary()
                : alert.summary() + "\n\n" + alert.details();
        Diagnostics diagnostics = new Diagnostics(null, null, alert.object(), alert.summary(), null);
        return opening.open(session, ticketId, new TicketOpening.Opening(Channel.MONITORING, customer,
                        subject.length() > IntakeValidation.MAX_SUBJECT
                                ? subject.substring(0, IntakeValidation.MAX_SUBJECT) : subject,
                        body, diagnostics, alert.severity().urgency(), null, List.of(), repeatOf, null), actor,
                        CustomerReference.next(), at)
                .call(result -> SqlRows.execute(session, """
                        INSERT INTO alert_ticket (customer_id, alert_key, ticket_id, object, severity, raised,
                            first_raised_at, last_raised_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)
                        ON CONFLICT (customer_id, alert_key) DO UPDATE SET ticket_id = EXCLUDED.ticket_id,
                            object = EXCLUDED.object, severity = EXCLUDED.severity, raised = 1,
                            first_raised_at = EXCLUDED.first_raised_at, last_raised_at = EXCLUDED.last_raised_at,
                            cleared_at = NULL""", customer.externalId(), alert.alertKey(), result.ticketId(),
                        alert.object(), alert.severity().wireName(), at))
                .invoke(() -> metrics.counter("tierdesk.intake.alerts", "outcome", "opened").increment())
                .map(result -> new ChannelAnswer(event.id(), result.ticketId(), result.number(), ChannelAnswer.CREATED,
                        null, null, 1));
    }

    /** Counted on the ticket: one row updated, no event — a storm of repeats costs no journal. */
    private Uni<ChannelAnswer> count(Mutiny.Session session, CloudEvent event, MonitoringAlert alert, Known known,
            Ticket state, String outcome) {
        return SqlRows.execute(session, """
                        UPDATE alert_ticket SET raised = raised + 1, last_raised_at = ?3, severity = ?4,
                            cleared_at = NULL WHERE customer_id = ?1 AND alert_key = ?2""",
                        alert.customer().externalId(), alert.alertKey(), tickets.now(), alert.severity().wireName())
                .invoke(() -> metrics.counter("tierdesk.intake.alerts", "outcome", outcome).increment())
                .map(n -> new ChannelAnswer(event.id(), state.id(), state.number(), outcome, null, null,
                        known.raised() + 1));
    }

    private Uni<ChannelAnswer> cleared(Mutiny.Session session, CloudEvent event, MonitoringAlert alert, Known known,
            String actor) {
        if (known == null) {
            return Uni.createFrom().item(new ChannelAnswer(event.id(), null, null, ChannelAnswer.NOTHING_OPEN));
        }
        return tickets.load(session, known.ticketId()).chain(state -> {
            if (!state.status().isActive()) {
                return Uni.createFrom().item(new ChannelAnswer(event.id(), state.id(), state.number(),
                        ChannelAnswer.NOTHING_OPEN, null, null, known.raised()));
            }
            boolean resolve = config.resolveOnClear() && state.status() == TicketStatus.NEW;
            String recovered = "Recovered: monitoring cleared " + alert.alertKey() + " on " + alert.object()
                    + " (raised " + known.raised() + (known.raised() == 1 ? " time" : " times") + "): "
                    + alert.summary();
            Uni<?> noted = tickets.execute(session, state, null, actor, true,
                    at -> new TicketCommand.AddInternalNote(AGENT, recovered, at));
            if (resolve) {
                noted = noted.chain(() -> tickets.execute(session, known.ticketId(), null, actor, true,
                        at -> new TicketCommand.ResolveTicket(AGENT, "Recovered on its own: the monitoring system "
                                + "cleared " + alert.alertKey() + " before anyone worked on it.", null, at)));
            }
            String outcome = resolve ? ChannelAnswer.RESOLVED : ChannelAnswer.RECOVERED;
            return noted.chain(() -> SqlRows.execute(session, """
                            UPDATE alert_ticket SET cleared_at = ?3 WHERE customer_id = ?1 AND alert_key = ?2""",
                            alert.customer().externalId(), alert.alertKey(), tickets.now()))
                    .invoke(() -> metrics.counter("tierdesk.intake.alerts", "outcome", outcome).increment())
                    .replaceWith(new ChannelAnswer(event.id(), state.id(), state.number(), outcome, null, null,
                            known.raised()));
        });
    }

    private static Uni<Known> known(Mutiny.Session session, String customerId, String alertKey) {
        return SqlRows.first(session, "SELECT ticket_id, raised FROM alert_ticket WHERE customer_id = ?1 "
                + "AND alert_key = ?2", customerId, alertKey)
                .map(row -> row == null ? null : new Known(row.uuid("ticket_id"), (int) row.number("raised")));
    }
}
