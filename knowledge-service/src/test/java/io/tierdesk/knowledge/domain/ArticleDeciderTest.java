package io.tierdesk.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.testsupport.GivenWhenThen;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.events.knowledge.ArticleDrafted;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.ArticleLinked;
import io.tierdesk.events.knowledge.ArticlePublished;
import io.tierdesk.events.knowledge.ArticleReturnedToDraft;
import io.tierdesk.events.knowledge.ArticleRetired;
import io.tierdesk.events.knowledge.ArticleRevised;
import io.tierdesk.events.knowledge.ArticleSubmitted;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Given an article's events, when an agent or a kb-editor asks something, then these events or this refusal. */
class ArticleDeciderTest {
    static final UUID ID = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    static final ArticleDecider.Actor AGENT = new ArticleDecider.Actor("anna", false);
    static final ArticleDecider.Actor EDITOR = new ArticleDecider.Actor("kira", true);

    static ArticleContent text(String title) {
        return new ArticleContent(title, "Принтер не печатает", "Нет бумаги", "Положите бумагу в лоток",
                Language.RU, Audience.PUBLIC, Tier.L1, List.of("printers"), List.of("paper"), null, List.of());
    }

    /** Articles as the rules make them: every command decided at {@code T}, by an agent unless said otherwise. */
    static final GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor> ARTICLES =
            GivenWhenThen.of(ArticleDecider.at(T)::replay, ArticleDecider.at(T)::decide, AGENT);

    /** An article's history, built by the rules from commands. */
    static GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given none() {
        return ARTICLES.given();
    }

    static GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given draft() {
        return none().and(new ArticleCommand.WriteArticle(ID, text("Принтер не печатает")));
    }

    static GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given inReview() {
        return draft().and(move(ArticleState.IN_REVIEW));
    }

    static GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given published() {
        return inReview().with(EDITOR).and(move(ArticleState.PUBLISHED)).with(AGENT);
    }

    static GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given retired() {
        return published().with(EDITOR).and(move(ArticleState.RETIRED)).with(AGENT);
    }

    /** Refused as {@code kind}, naming {@code field}. */
    static Consumer<Rejection> rejected(Rejection.Kind kind, String field) {
        return r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.field()).isEqualTo(field);
        };
    }

    static ArticleCommand.MoveArticle move(ArticleState to) {
        return new ArticleCommand.MoveArticle(to, to == ArticleState.DRAFT ? "добавьте шаги" : null);
    }

    @Test
    void anAgentWritesADraftSubmitsItAndAnEditorPublishesIt() {
        var article = draft();
        assertThat(article.history())
                .containsExactly(new ArticleDrafted(ID, 1, text("Принтер не печатает"), "anna", T));
        article.when(move(ArticleState.IN_REVIEW)).then(new ArticleSubmitted(ID, 1, "anna", T));
        article = article.and(move(ArticleState.IN_REVIEW)).with(EDITOR);
        article.when(new ArticleCommand.MoveArticle(ArticleState.PUBLISHED, "ok"))
                .then(new ArticlePublished(ID, 1, "kira", "ok", T));
        article = article.and(move(ArticleState.PUBLISHED));
        assertThat(article.state().state()).isEqualTo(ArticleState.PUBLISHED);
        assertThat(article.state().liveVersion()).isEqualTo(1);
    }

    @Test
    void editingAPublishedArticleMakesANewDraftWhileThePublishedVersionStaysLive() {
        var article = published();
        article.when(new ArticleCommand.ReviseArticle(1, text("Принтеры перестали печатать")))
                .then(new ArticleRevised(ID, 2, text("Принтеры перестали печатать"), "anna", T));
        article = article.and(new ArticleCommand.ReviseArticle(1, text("Принтеры перестали печатать")));
        Article revised = article.state();
        assertThat(revised.state()).isEqualTo(ArticleState.DRAFT);
        assertThat(revised.liveVersion()).isEqualTo(1);
        assertThat(revised.version(1).title()).isEqualTo("Принтер не печатает");
        assertThat(revised.version(2).title()).isEqualTo("Принтеры перестали печатать");
        // Reviewed and published, the new version replaces the old one.
        article = article.and(move(ArticleState.IN_REVIEW)).with(EDITOR).and(move(ArticleState.PUBLISHED));
        assertThat(article.state().liveVersion()).isEqualTo(2);
    }

    @Test
    void aReviewerSendsAVersionBackWithAReasonAndTheAuthorRevisesIt() {
        var article = inReview().with(EDITOR);
        article.when(new ArticleCommand.MoveArticle(ArticleState.DRAFT, "добавьте шаги"))
                .then(new ArticleReturnedToDraft(ID, 1, "kira", "добавьте шаги", T));
        article.when(new ArticleCommand.MoveArticle(ArticleState.DRAFT, " "))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.INVALID, "comment"));
        article = article.and(move(ArticleState.DRAFT)).with(AGENT);
        assertThat(article.state().comment()).isEqualTo("добавьте шаги");
        assertThat(article.when(new ArticleCommand.ReviseArticle(1, text("Принтер: нет бумаги"))).events())
                .hasSize(1);
    }

    @Test
    void anEditorRetiresAndARetiredArticleStaysRetired() {
        published().with(EDITOR).when(new ArticleCommand.MoveArticle(ArticleState.RETIRED, "устарело"))
                .then(new ArticleRetired(ID, 1, "kira", "устарело", T));
        var gone = retired().with(EDITOR);
        assertThat(gone.state().liveVersion()).isNull();
        for (ArticleState to : ArticleState.values()) {
            gone.when(move(to)).thenRefused(Rejection.class, rejected(Rejection.Kind.CONFLICT, "to"));
        }
        gone.when(new ArticleCommand.ReviseArticle(1, text("x")))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.CONFLICT, "state"));
    }

    /** Every move the table in ArticleDecider forbids, from every state, by an editor (so the state is what refuses). */
    @Test
    void everyForbiddenMoveIsAConflictNamingTheState() {
        Map<String, GivenWhenThen<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor>.Given> states = Map.of(
                "draft", draft(), "in-review", inReview(), "published", published());
        Map<String, List<ArticleState>> forbidden = Map.of(
                "draft", List.of(ArticleState.PUBLISHED, ArticleState.DRAFT),
                "in-review", List.of(ArticleState.IN_REVIEW),
                "published", List.of(ArticleState.IN_REVIEW, ArticleState.PUBLISHED, ArticleState.DRAFT));
        forbidden.forEach((from, targets) -> targets.forEach(to -> states.get(from).with(EDITOR).when(move(to))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.CONFLICT, "to"))));
    }

    @Test
    void anAgentMayNotPublishSendBackOrRetire() {
        for (ArticleState to : List.of(ArticleState.PUBLISHED, ArticleState.DRAFT, ArticleState.RETIRED)) {
            inReview().when(move(to)).thenRefused(Rejection.class, rejected(Rejection.Kind.FORBIDDEN, "kb-editor"));
        }
        published().when(move(ArticleState.RETIRED))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.FORBIDDEN, "kb-editor"));
    }

    @Test
    void revisionsNeedTheLatestVersionAndAreRefusedInReview() {
        var article = draft().and(new ArticleCommand.ReviseArticle(1, text("v2")));
        article.when(new ArticleCommand.ReviseArticle(1, text("v3")))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.PRECONDITION_FAILED, "If-Match"));
        assertThat(article.when(new ArticleCommand.ReviseArticle(2, text("v2"))).events())
                .as("the same text again is no new version").isEmpty();
        inReview().with(EDITOR).when(new ArticleCommand.ReviseArticle(1, text("x")))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.CONFLICT, "state"));
    }

    @Test
    void aTicketSolvedWithAnArticleIsLinkedOnceAtTheLiveVersion() {
        UUID ticket = UUID.fromString("33333333-3333-4333-8333-333333333333");
        var article = published().and(new ArticleCommand.ReviseArticle(1, text("v2")));
        article.when(new ArticleCommand.LinkTicket(ticket)).then(new ArticleLinked(ID, 1, ticket, "anna", T));
        article = article.and(new ArticleCommand.LinkTicket(ticket));
        assertThat(article.state().tickets()).containsExactly(ticket);
        article.when(new ArticleCommand.LinkTicket(ticket)).thenNothing();
        none().when(new ArticleCommand.LinkTicket(ticket))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.NOT_FOUND, "articleId"));
    }

    @Test
    void writingAnExistingArticleAndTouchingAMissingOneAreRefused() {
        draft().when(new ArticleCommand.WriteArticle(ID, text("again")))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.CONFLICT, "articleId"));
        none().when(move(ArticleState.IN_REVIEW))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.NOT_FOUND, "articleId"));
        none().when(new ArticleCommand.ReviseArticle(1, text("x")))
                .thenRefused(Rejection.class, rejected(Rejection.Kind.NOT_FOUND, "articleId"));
    }
}
