package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Articles that may solve a ticket, best first; offered to L1 the moment the ticket opens. Keyed by ticket id. */
public record SolutionsSuggested(UUID ticketId, List<SuggestedArticle> articles, Instant suggestedAt)
        implements KnowledgeEvent {
    public SolutionsSuggested {
        Require.present(ticketId, "ticketId");
        Require.present(suggestedAt, "suggestedAt");
        articles = Require.list(articles);
    }
}
