package io.tierdesk.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.events.knowledge.ArticleDrafted;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.ArticlePublished;
import io.tierdesk.events.knowledge.ArticleReturnedToDraft;
import io.tierdesk.events.knowledge.ArticleRetired;
import io.tierdesk.events.knowledge.ArticleRevised;
import io.tierdesk.events.knowledge.ArticleSubmitted;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /** The article after {@code events}, each decided by the rules from the one before. */
    static final class Given {
        final List<ArticleEvent> events = new ArrayList<>();

        Given then(ArticleCommand command, ArticleDecider.Actor actor) {
            events.addAll(ArticleDecider.decide(article(), command, actor, T));
            return this;
        }

        Article article() {
            return Article.replay(events);
        }

        List<ArticleEvent> when(ArticleCommand command, ArticleDecider.Actor actor) {
            return ArticleDecider.decide(article(), command, actor, T);
        }
    }

    static Given draft() {
        return new Given().then(new ArticleCommand.WriteArticle(ID, text("Принтер не печатает")), AGENT);
    }

    static Given inReview() {
        return draft().then(move(ArticleState.IN_REVIEW), AGENT);
    }

    static Given published() {
        return inReview().then(move(ArticleState.PUBLISHED), EDITOR);
    }

    static Given retired() {
        return published().then(move(ArticleState.RETIRED), EDITOR);
    }

    static ArticleCommand.MoveArticle move(ArticleState to) {
        return new ArticleCommand.MoveArticle(to, to == ArticleState.DRAFT ? "добавьте шаги" : null);
    }

    @Test
    void anAgentWritesADraftSubmitsItAndAnEditorPublishesIt() {
        Given article = draft();
        assertThat(article.events).containsExactly(new ArticleDrafted(ID, 1, text("Принтер не печатает"), "anna", T));
        assertThat(article.when(move(ArticleState.IN_REVIEW), AGENT))
                .containsExactly(new ArticleSubmitted(ID, 1, "anna", T));
        article.then(move(ArticleState.IN_REVIEW), AGENT);
        assertThat(article.when(new ArticleCommand.MoveArticle(ArticleState.PUBLISHED, "ok"), EDITOR))
                .containsExactly(new ArticlePublished(ID, 1, "kira", "ok", T));
        article.then(move(ArticleState.PUBLISHED), EDITOR);
        assertThat(article.article().state()).isEqualTo(ArticleState.PUBLISHED);
        assertThat(article.article().liveVersion()).isEqualTo(1);
    }

    @Test
    void editingAPublishedArticleMakesANewDraftWhileThePublishedVersionStaysLive() {
        Given article = published();
        assertThat(article.when(new ArticleCommand.ReviseArticle(1, text("Принтеры перестали печатать")), AGENT))
                .containsExactly(new ArticleRevised(ID, 2, text("Принтеры перестали печатать"), "anna", T));
        article.then(new ArticleCommand.ReviseArticle(1, text("Принтеры перестали печатать")), AGENT);
        Article revised = article.article();
        assertThat(revised.state()).isEqualTo(ArticleState.DRAFT);
        assertThat(revised.liveVersion()).isEqualTo(1);
        assertThat(revised.version(1).title()).isEqualTo("Принтер не печатает");
        assertThat(revised.version(2).title()).isEqualTo("Принтеры перестали печатать");
        // Reviewed and published, the new version replaces the old one.
        article.then(move(ArticleState.IN_REVIEW), AGENT).then(move(ArticleState.PUBLISHED), EDITOR);
        assertThat(article.article().liveVersion()).isEqualTo(2);
    }

    @Test
    void aReviewerSendsAVersionBackWithAReasonAndTheAuthorRevisesIt() {
        Given article = inReview();
        assertThat(article.when(new ArticleCommand.MoveArticle(ArticleState.DRAFT, "добавьте шаги"), EDITOR))
                .containsExactly(new ArticleReturnedToDraft(ID, 1, "kira", "добавьте шаги", T));
        assertRejected(() -> article.when(new ArticleCommand.MoveArticle(ArticleState.DRAFT, " "), EDITOR),
                Rejection.Kind.INVALID, "comment");
        article.then(move(ArticleState.DRAFT), EDITOR);
        assertThat(article.article().comment()).isEqualTo("добавьте шаги");
        assertThat(article.when(new ArticleCommand.ReviseArticle(1, text("Принтер: нет бумаги")), AGENT))
                .hasSize(1);
    }

    @Test
    void anEditorRetiresAndARetiredArticleStaysRetired() {
        Given article = published();
        assertThat(article.when(new ArticleCommand.MoveArticle(ArticleState.RETIRED, "устарело"), EDITOR))
                .containsExactly(new ArticleRetired(ID, 1, "kira", "устарело", T));
        Given gone = retired();
        assertThat(gone.article().liveVersion()).isNull();
        for (ArticleState to : ArticleState.values()) {
            assertRejected(() -> gone.when(move(to), EDITOR), Rejection.Kind.CONFLICT, "to");
        }
        assertRejected(() -> gone.when(new ArticleCommand.ReviseArticle(1, text("x")), EDITOR),
                Rejection.Kind.CONFLICT, "state");
    }

    /** Every move the table in ArticleDecider forbids, from every state, by an editor (so the state is what refuses). */
    @Test
    void everyForbiddenMoveIsAConflictNamingTheState() {
        Map<String, java.util.function.Supplier<Given>> states = Map.of("draft", ArticleDeciderTest::draft,
                "in-review", ArticleDeciderTest::inReview, "published", ArticleDeciderTest::published);
        Map<String, List<ArticleState>> forbidden = Map.of(
                "draft", List.of(ArticleState.PUBLISHED, ArticleState.DRAFT),
                "in-review", List.of(ArticleState.IN_REVIEW),
                "published", List.of(ArticleState.IN_REVIEW, ArticleState.PUBLISHED, ArticleState.DRAFT));
        forbidden.forEach((from, targets) -> targets.forEach(to -> assertRejected(
                () -> states.get(from).get().when(move(to), EDITOR), Rejection.Kind.CONFLICT, "to")));
    }

    @Test
    void anAgentMayNotPublishSendBackOrRetire() {
        for (ArticleState to : List.of(ArticleState.PUBLISHED, ArticleState.DRAFT, ArticleState.RETIRED)) {
            assertRejected(() -> inReview().when(move(to), AGENT), Rejection.Kind.FORBIDDEN, "kb-editor");
        }
        assertRejected(() -> published().when(move(ArticleState.RETIRED), AGENT), Rejection.Kind.FORBIDDEN,
                "kb-editor");
    }

    @Test
    void revisionsNeedTheLatestVersionAndAreRefusedInReview() {
        Given article = draft().then(new ArticleCommand.ReviseArticle(1, text("v2")), AGENT);
        assertRejected(() -> article.when(new ArticleCommand.ReviseArticle(1, text("v3")), AGENT),
                Rejection.Kind.PRECONDITION_FAILED, "If-Match");
        assertThat(article.when(new ArticleCommand.ReviseArticle(2, text("v2")), AGENT))
                .as("the same text again is no new version").isEmpty();
        assertRejected(() -> inReview().when(new ArticleCommand.ReviseArticle(1, text("x")), EDITOR),
                Rejection.Kind.CONFLICT, "state");
    }

    @Test
    void aTicketSolvedWithAnArticleIsLinkedOnceAtTheLiveVersion() {
        UUID ticket = UUID.fromString("33333333-3333-4333-8333-333333333333");
        Given article = published().then(new ArticleCommand.ReviseArticle(1, text("v2")), AGENT);
        assertThat(article.when(new ArticleCommand.LinkTicket(ticket), AGENT))
                .containsExactly(new io.tierdesk.events.knowledge.ArticleLinked(ID, 1, ticket, "anna", T));
        article.then(new ArticleCommand.LinkTicket(ticket), AGENT);
        assertThat(article.article().tickets()).containsExactly(ticket);
        assertThat(article.when(new ArticleCommand.LinkTicket(ticket), AGENT)).isEmpty();
        assertRejected(() -> new Given().when(new ArticleCommand.LinkTicket(ticket), AGENT), Rejection.Kind.NOT_FOUND,
                "articleId");
    }

    @Test
    void writingAnExistingArticleAndTouchingAMissingOneAreRefused() {
        assertRejected(() -> draft().when(new ArticleCommand.WriteArticle(ID, text("again")), AGENT),
                Rejection.Kind.CONFLICT, "articleId");
        assertRejected(() -> new Given().when(move(ArticleState.IN_REVIEW), AGENT), Rejection.Kind.NOT_FOUND,
                "articleId");
        assertRejected(() -> new Given().when(new ArticleCommand.ReviseArticle(1, text("x")), AGENT),
                Rejection.Kind.NOT_FOUND, "articleId");
    }

    private static void assertRejected(Runnable call, Rejection.Kind kind, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.field()).isEqualTo(field);
        });
    }
}
