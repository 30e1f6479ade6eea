package io.tierdesk.events.knowledge;

/**
 * The stream {@code tierdesk.knowledge} (knowledge-service): suggestions, keyed by ticket id, and what happens to
 * articles ({@link ArticleEvent}), keyed by article id.
 */
public sealed interface KnowledgeEvent permits SolutionsSuggested, ArticleEvent {
}
