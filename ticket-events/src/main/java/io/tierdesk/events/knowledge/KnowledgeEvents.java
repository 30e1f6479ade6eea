package io.tierdesk.events.knowledge;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the knowledge stream (so far: what intake consumes). */
public final class KnowledgeEvents {
    public static final EventType<SolutionsSuggested> SOLUTIONS_SUGGESTED = new EventType<>(
            "tierdesk.knowledge.solutions-suggested.v1", SolutionsSuggested.class, Topics.KNOWLEDGE);

    public static final List<EventType<? extends KnowledgeEvent>> ALL = List.of(SOLUTIONS_SUGGESTED);

    private KnowledgeEvents() {
    }
}
