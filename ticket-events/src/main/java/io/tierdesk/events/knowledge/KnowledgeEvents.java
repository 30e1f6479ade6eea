package io.tierdesk.events.knowledge;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the knowledge stream. */
public final class KnowledgeEvents {
    public static final EventType<SolutionsSuggested> SOLUTIONS_SUGGESTED = new EventType<>(
            "tierdesk.knowledge.solutions-suggested.v1", SolutionsSuggested.class, Topics.KNOWLEDGE);

    public static final EventType<ArticleDrafted> ARTICLE_DRAFTED = article("drafted", ArticleDrafted.class);
    public static final EventType<ArticleRevised> ARTICLE_REVISED = article("revised", ArticleRevised.class);
    public static final EventType<ArticleSubmitted> ARTICLE_SUBMITTED = article("submitted", ArticleSubmitted.class);
    public static final EventType<ArticlePublished> ARTICLE_PUBLISHED = article("published", ArticlePublished.class);
    public static final EventType<ArticleReturnedToDraft> ARTICLE_RETURNED_TO_DRAFT = article("returned-to-draft",
            ArticleReturnedToDraft.class);
    public static final EventType<ArticleRetired> ARTICLE_RETIRED = article("retired", ArticleRetired.class);
    public static final EventType<ArticleLinked> ARTICLE_LINKED = article("linked", ArticleLinked.class);

    public static final List<EventType<? extends KnowledgeEvent>> ALL = List.of(SOLUTIONS_SUGGESTED, ARTICLE_DRAFTED,
            ARTICLE_REVISED, ARTICLE_SUBMITTED, ARTICLE_PUBLISHED, ARTICLE_RETURNED_TO_DRAFT, ARTICLE_RETIRED,
            ARTICLE_LINKED);

    private KnowledgeEvents() {
    }

    private static <T extends ArticleEvent> EventType<T> article(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.knowledge.article." + name + ".v1", javaType, Topics.KNOWLEDGE);
    }
}
