package io.tierdesk.notification.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.notification.domain.TicketCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.events.knowledge.Language;
import java.util.Optional;

/**
 * Keeps each ticket's card from the events that change what notifications need to know. Every write is an upsert:
 * the ticket and routing topics are consumed side by side, so an assignment may come before the opening.
 */
@ApplicationScoped
public class TicketCards {
    private final String defaultLanguage;

    public TicketCards(@ConfigProperty(name = "tierdesk.notification.default-language") String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    /**
     * Writes the card an opening makes and answers it, so that the opening's own notices need not read it again; null
     * when the card had its opening already (a redelivery).
     */
    public Uni<TicketCard> opened(Mutiny.Session session, TicketOpened e) {
        String language = e.customer().language() != null && Templates.LANGUAGES.contains(e.customer().language())
                ? e.customer().language()
                : Optional.ofNullable(Language.byLetters(e.subject() + " "
                        + e.body())).map(Language::wireName).orElse(defaultLanguage);
        return SqlRows.first(session, """
                        INSERT INTO ticket_card (ticket_id, number, subject, channel, customer_name, customer_email,
                            language, customer_ref)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (ticket_id) DO UPDATE SET number = EXCLUDED.number, subject = EXCLUDED.subject,
                            channel = EXCLUDED.channel, customer_name = EXCLUDED.customer_name,
                            customer_email = EXCLUDED.customer_email, language = EXCLUDED.language,
                            customer_ref = EXCLUDED.customer_ref
                        WHERE ticket_card.number IS NULL
                        RETURNING *""",
                        e.ticketId(), e.number(), e.subject(), e.channel().wireName(),
                        SqlRows.nullable(e.customer().name(), String.class),
                        SqlRows.nullable(e.customer().email(), String.class), language, e.customer().externalId())
                .map(TicketCards::card);
    }

    /** What a routing event changes on the card: who works on it and at which line. */
    public Uni<Void> routed(Mutiny.Session session, RoutingEvent event) {
        return switch (event) {
            case TicketAssigned e -> assigned(session, e);
            case TicketEscalated e -> escalated(session, e);
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Void> assigned(Mutiny.Session session, TicketAssigned e) {
        return SqlRows.execute(session, """
                        INSERT INTO ticket_card (ticket_id, agent_id, tier) VALUES (?1, ?2, ?3)
                        ON CONFLICT (ticket_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, tier = EXCLUDED.tier""",
                e.ticketId(), e.agentId(), e.tier().name()).replaceWithVoid();
    }

    public Uni<Void> escalated(Mutiny.Session session, TicketEscalated e) {
        return SqlRows.execute(session, """
                        INSERT INTO ticket_card (ticket_id, tier) VALUES (?1, ?2)
                        ON CONFLICT (ticket_id) DO UPDATE SET tier = EXCLUDED.tier""", e.ticketId(),
                e.toTier().name()).replaceWithVoid();
    }

    public Uni<TicketCard> find(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT * FROM ticket_card WHERE ticket_id = ?1", ticketId)
                .map(TicketCards::card);
    }

    private static TicketCard card(SqlRows.Row r) {
        return r == null ? null : new TicketCard(r.uuid("ticket_id"), r.text("number"), r.text("subject"),
                r.text("channel"), r.text("customer_ref"), r.text("customer_name"), r.text("customer_email"),
                r.text("language"), r.text("agent_id"), r.text("tier"));
    }
}
