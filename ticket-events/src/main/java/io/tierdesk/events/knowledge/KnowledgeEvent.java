package io.tierdesk.events.knowledge;

/** The stream {@code tierdesk.knowledge} (knowledge-service); ticket-keyed events carry the ticket id. */
public sealed interface KnowledgeEvent permits SolutionsSuggested {
}
