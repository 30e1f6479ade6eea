package io.tierdesk.knowledge.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.SuggestedArticle;
import io.tierdesk.knowledge.application.Suggestions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The articles last suggested for a ticket, for the agents working it. */
@Path("/api/v1/tickets/{ticketId}/suggestions")
public class SuggestionsResource {
    public record TicketSuggestions(UUID ticketId, List<SuggestedArticle> articles, Instant suggestedAt) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Suggestions suggestions;

    public SuggestionsResource(Mutiny.SessionFactory sessions, Suggestions suggestions) {
        this.sessions = sessions;
        this.suggestions = suggestions;
    }

    @GET
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin"})
    public Uni<TicketSuggestions> get(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> suggestions.latest(session, ticketId)).map(found -> found
                .map(s -> new TicketSuggestions(s.ticketId(), s.articles(), s.suggestedAt()))
                .orElseThrow(() -> Rejection.notFound("ticketId", "no suggestion for ticket " + ticketId + " yet")));
    }
}
