package io.tierdesk.notification.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.VisitCancelled;
import io.tierdesk.events.routing.VisitRescheduled;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.notification.domain.Notice;
import io.tierdesk.notification.domain.NotificationPlanner;
import io.tierdesk.notification.domain.TicketCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import java.util.LinkedHashMap;

/**
 * What an event means to whom: the notices the rules give, each rendered now in its recipient's language and
 * written as a delivery row in the consumer's transaction (the outbox), once per event, recipient and medium.
 */
@ApplicationScoped
public class Notifications {
    private final TicketCards cards;
    private final NotificationRulesStore rules;
    private final Templates templates;
    private final DeliveryWorker worker;
    private final Webhooks webhooks;
    private final Clock clock;
    private final java.time.Duration reminderLead;

    public Notifications(TicketCards cards, NotificationRulesStore rules, Templates templates, DeliveryWorker worker,
            Webhooks webhooks, Clock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.notification.visit-reminder-lead",
                    defaultValue = "24h") java.time.Duration reminderLead) {
        this.reminderLead = reminderLead;
        this.webhooks = webhooks;
        this.cards = cards;
        this.rules = rules;
        this.templates = templates;
        this.worker = worker;
        this.clock = clock;
    }

    /** Plans and writes the deliveries of one event about a ticket (its card already up to date). */
    public Uni<Void> notify(Mutiny.Session session, Delivered<?> delivered, UUID ticketId) {
        return notify(session, delivered, ticketId, null);
    }

    /** The same with the ticket's card the caller has just written (null: read it). */
    public Uni<Void> notify(Mutiny.Session session, Delivered<?> delivered, UUID ticketId, TicketCard written) {
        Object event = delivered.event();
        String type = EventCatalog.of(event.getClass()).ceType();
        VisitMoment visit = VisitMoment.of(event);
        // A moved or cancelled visit's reminder no longer holds; a new one is planned below for a moved one.
        Uni<Void> withdrawn = visit == null || event instanceof VisitScheduled ? Uni.createFrom().voidItem()
                : SqlRows.execute(session, """
                        UPDATE delivery SET state = 'withdrawn', last_error = 'the visit was moved or cancelled'
                        WHERE visit_id = ?1 AND kind = ?2 AND state = 'pending'""", visit.visitId(), VISIT_REMINDER)
                        .replaceWithVoid();
        // Triage, clocks started, notes and the like tell no one anything: no card is read for them.
        if (!NotificationPlanner.concerns(type, rules.current().rules(), webhooks.forType(type))) {
            return withdrawn;
        }
        Uni<TicketCard> found = written != null ? Uni.createFrom().item(written) : cards.find(session, ticketId);
        return withdrawn.chain(() -> found).chain(card -> {
            List<Notice> notices = NotificationPlanner.plan(occurrence(event), card, rules.current().rules(),
                    webhooks::forChannel, webhooks::forType, cards.defaultLanguage());
            if (notices.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> model = model(event, card, ticketId);
            Instant now = clock.instant();
            Uni<Void> all = Uni.createFrom().voidItem();
            boolean toSend = false;
            for (Notice notice : notices) {
                boolean reminder = notice.kind().equals(VISIT_REMINDER);
                Instant due = !reminder ? now : visit == null || visit.from() == null ? null
                        : visit.from().minus(reminderLead);
                if (due == null || due.isBefore(now)) {
                    // A reminder of a visit that begins before its lead would be a second confirmation.
                    continue;
                }
                boolean raw = notice.audience().equals("integration");
                Templates.Rendered text = raw ? new Templates.Rendered(notice.kind(), "", null)
                        : templates.render(notice.kind(), notice.language(), model);
                String payload = !notice.medium().equals("webhook") ? null
                        : raw ? rawPayload(delivered, ticketId) : customerPayload(notice, card, ticketId, text);
                boolean stream = notice.medium().equals("stream");
                toSend |= !stream;
                String fallback = !notice.audience().equals("customer") || !notice.medium().equals("email") ? null
                        : webhooks.disabledForChannel(card.channel()).map(w -> "by e-mail: webhook " + w.id()
                                + " of the " + card.channel() + " channel is disabled" + (w.disabledReason() == null
                                        ? "" : " (" + w.disabledReason() + ")")).orElse(null);
                all = all.chain(() -> SqlRows.execute(session, """
                        INSERT INTO delivery (delivery_id, event_id, ticket_id, kind, audience, recipient, medium,
                            language, subject, text, html, state, next_attempt_at, event_time, created_at,
                            delivered_at, payload, fallback, visit_id)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?17, ?14, ?13,
                            CASE WHEN ?12 = 'delivered' THEN CAST(?13 AS timestamptz) END, ?15, ?16, ?18)
                        ON CONFLICT (event_id, recipient, medium, kind) DO NOTHING""", UUID.randomUUID(),
                        delivered.eventId(), ticketId, notice.kind(), notice.audience(), notice.recipient(),
                        notice.medium(), notice.language(), text.subject(), text.text(),
                        SqlRows.nullable(notice.medium().equals("email") ? text.html() : null, String.class),
                        stream ? "delivered" : "pending", now, delivered.time() == null ? now : delivered.time(),
                        SqlRows.nullable(payload, String.class), SqlRows.nullable(fallback, String.class), due,
                        SqlRows.nullable(visit == null ? null : visit.visitId(), UUID.class))
                        .replaceWithVoid());
            }
            // The rows are visible once the inbox's transaction commits, a moment after this: the worker looks then
            // (and again within its longest wait, should the commit take longer).
            return toSend ? all.invoke(() -> worker.wake(now.plusMillis(50))) : all;
        });
    }

    /**
     * What a channel adapter receives: the message written for the customer, and whom to give it to in its medium.
     */
    static String customerPayload(Notice notice, TicketCard card, UUID ticketId, Templates.Rendered text) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("externalId", card.customerRef());
        recipient.put("name", card.customerName());
        recipient.put("email", card.customerEmail());
        recipient.put("channel", card.channel());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", notice.kind());
        body.put("ticketId", ticketId);
        body.put("number", card.number());
        body.put("language", notice.language());
        body.put("recipient", recipient);
        body.put("subject", text.subject());
        body.put("body", text.text());
        return SqlRows.json(body);
    }

    /** What an integration receives: the event as it is, with its type and id. */
    static String rawPayload(Delivered<?> delivered, UUID ticketId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", EventCatalog.of(delivered.event().getClass()).ceType());
        body.put("eventId", delivered.eventId());
        body.put("ticketId", ticketId);
        body.put("data", delivered.event());
        return SqlRows.json(body);
    }

    static NotificationPlanner.Occurrence occurrence(Object event) {
        JsonNode tree = EventJson.mapper().valueToTree(event);
        Map<String, String> fields = new HashMap<>();
        tree.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode()) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        String agent = event instanceof TicketAssigned a ? a.agentId() : null;
        String alerted = event instanceof SupervisorAlerted s ? s.supervisorId() : null;
        return new NotificationPlanner.Occurrence(EventCatalog.of(event.getClass()).ceType(), fields, agent, alerted);
    }

    /** The template model: the card's facts and what this event says. */
    public static Map<String, Object> model(Object event, TicketCard card, UUID ticketId) {
        String message = switch (event) {
            case AgentReplied e -> e.body();
            case TicketAwaitingCustomer e -> e.question();
            case TicketResolved e -> e.solutionSummary();
            case CustomerMessageReceived e -> e.body();
            default -> "";
        };
        Map<String, Object> sla = switch (event) {
            case SlaWarningReached e -> Templates.sla(e.clock(), String.valueOf(e.dueAt()));
            case SlaBreached e -> Templates.sla(e.clock(), String.valueOf(e.dueAt()));
            default -> Templates.sla("", "");
        };
        Map<String, Object> escalation = event instanceof TicketEscalated e
                ? Templates.escalation(e.toTier().name(), e.reason()) : Templates.escalation("", "");
        Map<String, Object> alert = event instanceof SupervisorAlerted e ? Templates.alert(e.reason(), e.detail())
                : Templates.alert("", "");
        String agent = event instanceof TicketAssigned a ? a.agentId() : card == null ? null : card.agentId();
        String tier = event instanceof TicketAssigned a ? a.tier().name() : card == null ? null : card.tier();
        Map<String, Object> ticket = card == null || card.number() == null
                ? Templates.ticket(ticketId.toString(), ticketId.toString().substring(0, 8), "", "", tier)
                : Templates.ticket(ticketId.toString(), card.number(), card.subject(), card.channel(), tier);
        Map<String, Object> visit = switch (event) {
            case VisitScheduled e -> Templates.visit(e.place().wireName(), moment(e.from()), moment(e.to()),
                    e.address(), e.engineer());
            case VisitRescheduled e -> Templates.visit("", moment(e.from()), moment(e.to()), "", e.engineer());
            default -> Templates.visit("", "", "", "", "");
        };
        return Templates.model(ticket, card == null ? null : card.customerName(), agent, message, sla, escalation,
                alert, visit);
    }

    /** A visit's moment as a customer reads it; their own zone is not known here, so it is said. */
    public static String moment(Instant at) {
        return VISIT_TIME.format(at) + " UTC";
    }

    private static final java.time.format.DateTimeFormatter VISIT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The kind of a visit's reminder: planned for its moment, withdrawn when the visit moves or is cancelled. */
    static final String VISIT_REMINDER = "customer.visit-reminder";

    /** The visit an event books, moves or cancels, and when its window begins (null when it ends one). */
    record VisitMoment(UUID visitId, Instant from) {
        static VisitMoment of(Object event) {
            return switch (event) {
                case VisitScheduled e -> new VisitMoment(e.visitId(), e.from());
                case VisitRescheduled e -> new VisitMoment(e.visitId(), e.from());
                case VisitCancelled e -> new VisitMoment(e.visitId(), null);
                default -> null;
            };
        }
    }
}
