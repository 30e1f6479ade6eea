package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.eventing.api.Versions;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.knowledge.application.Articles;
import io.tierdesk.knowledge.domain.Article;
import io.tierdesk.knowledge.domain.ArticleCommand;
import io.tierdesk.knowledge.domain.ArticleDecider;
import io.tierdesk.knowledge.domain.ArticleState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.knowledge.application.ArticleList;
import io.tierdesk.knowledge.application.KnowledgeCapture;
import io.tierdesk.knowledge.projection.SearchIndex;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.LongStream;

/** Articles: agents write and revise them, kb-editors review them (docs/knowledge-service.md). */
@Path("/api/v1/articles")
public class ArticlesResource {
    /** The body of a new article or a revision. */
    public record ArticleRequest(String title, String problem, String cause, String solution, String language,
            String audience, String tier, List<String> products, List<String> tags, UUID translationOf,
            List<UUID> related) {
    }

    public record Transition(String to, String comment) {
    }

    /** One version of an article and where the article stands; {@code html} is its text rendered and sanitised. */
    public record ArticleView(UUID articleId, long version, long latestVersion, String state, Long liveVersion,
            String author, String comment, String title, String problem, String cause, String solution,
            String language, String audience, String tier, List<String> products, List<String> tags,
            UUID translationOf, List<UUID> related, Html html) {
    }

    public record Html(String problem, String cause, String solution) {
    }

    public record VersionView(long version, String title, boolean live) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Articles articles;
    private final IdempotencyKeys keys;
    private final SecurityIdentity identity;
    private final SearchIndex search;
    private final ArticleList list;
    private final KnowledgeCapture capture;

    public ArticlesResource(Mutiny.SessionFactory sessions, Articles articles, IdempotencyKeys keys,
            SecurityIdentity identity, SearchIndex search,
            ArticleList list,
            KnowledgeCapture capture) {
        this.search = search;
        this.list = list;
        this.capture = capture;
        this.sessions = sessions;
        this.articles = articles;
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<Response> write(@HeaderParam(IdempotencyKeys.HEADER) String key, ArticleRequest body) {
        ArticleContent content = content(body);
        UUID id = UUID.randomUUID();
        return sessions.withTransaction(session -> keys.once(session, key, actor().id(), "POST /articles", body,
                        Articles.Outcome.class, () -> articles.execute(session, id,
                                new ArticleCommand.WriteArticle(id, content), actor())))
                .map(outcome -> Response.created(URI.create("/api/v1/articles/" + outcome.answer().articleId()))
                        .entity(outcome.answer()).tag(Versions.etag(outcome.answer().version()))
                        .header(IdempotencyKeys.REPLAYED, outcome.replayed() ? "true" : null).build());
    }

    /** A new version of the text; {@code If-Match} names the version it was made from. */
    @PUT
    @Path("{articleId}")
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<Response> revise(@PathParam("articleId") UUID id, @HeaderParam("If-Match") String ifMatch,
            ArticleRequest body) {
        Long basedOn = Versions.parseIfMatch(ifMatch);
        if (basedOn == null) {
            throw Rejection.invalid("If-Match", "name the version the text was made from, e.g. If-Match: \"1\"");
        }
        ArticleContent content = content(body);
        return sessions.withTransaction(session -> articles.execute(session, id,
                        new ArticleCommand.ReviseArticle(basedOn, content), actor()))
                .map(outcome -> Response.ok(outcome).tag(Versions.etag(outcome.version())).build());
    }

    @POST
    @Path("{articleId}/transitions")
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<Response> move(@PathParam("articleId") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String key,
            Transition body) {
        ArticleState to = body == null || body.to() == null ? null : ArticleState.fromWire(body.to());
        if (to == null) {
            throw Rejection.invalid("to", "must be in-review, published, draft or retired");
        }
        String comment = body.comment() == null ? null : Limits.max("comment", body.comment(), Limits.SHORT_TEXT);
        return sessions.withTransaction(session -> keys.once(session, key, actor().id(), "POST /articles/" + id
                        + "/transitions", body, Articles.Outcome.class, () -> articles.execute(session, id,
                                new ArticleCommand.MoveArticle(to, comment), actor())))
                // Committed: this replica's index takes the article as it is now (a published or retired one).
                .call(outcome -> search.changed(id))
                .map(outcome -> outcome.ok().tag(Versions.etag(outcome.answer().version())).build());
    }

    /** Most recently changed first; {@code next} continues the list. */
    @GET
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin"})
    public Uni<ArticleList.Page> list(@QueryParam("state") String state,
            @QueryParam("language") String language, @QueryParam("product") String product,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        if (state != null && ArticleState.fromWire(state) == null) {
            throw Rejection.invalid("state", "must be draft, in-review, published or retired");
        }
        if (language != null && Arrays.stream(Language.values()).noneMatch(l -> l.wireName().equals(language))) {
            throw Rejection.invalid("language", "must be ru or en");
        }
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) {
            throw Rejection.invalid("limit", "from 1 to 200");
        }
        return sessions.withSession(session -> list.page(session, state, language, product, cursor, n));
    }

    /**
     * Resolved tickets that named no article, grouped by what they tell of, largest groups first: what to write up
     * (POST /tickets/{id}/article-draft with the group's tickets as {@code covers}).
     */
    @GET
    @Path("candidates")
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin"})
    public Uni<List<KnowledgeCapture.CandidateGroup>> candidates(
            @QueryParam("limit") Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            throw Rejection.invalid("limit", "from 1 to 500");
        }
        return sessions.withSession(session -> capture.candidates(session, n));
    }

    @GET
    @Path("{articleId}")
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin"})
    public Uni<Response> read(@PathParam("articleId") UUID id, @QueryParam("version") Long version) {
        return sessions.withSession(session -> articles.load(session, id)).map(found -> {
            Article article = found.orElseThrow(() -> Rejection.notFound("articleId", "no article " + id));
            long shown = version == null ? article.latestVersion() : version;
            ArticleContent c = Articles.version(article, shown);
            return Response.ok(new ArticleView(id, shown, article.latestVersion(), article.state().wireName(),
                    article.liveVersion(), article.author(), article.comment(), c.title(), c.problem(), c.cause(),
                    c.solution(), c.language().wireName(), c.audience().wireName(), c.tier().name(), c.products(),
                    c.tags(), c.translationOf(), c.related(), new Html(Markdown.html(c.problem()),
                    Markdown.html(c.cause()), Markdown.html(c.solution())))).tag(Versions.etag(article.latestVersion())).build();
        });
    }

    @GET
    @Path("{articleId}/versions")
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin"})
    public Uni<List<VersionView>> versions(@PathParam("articleId") UUID id) {
        return sessions.withSession(session -> articles.load(session, id)).map(found -> {
            Article article = found.orElseThrow(() -> Rejection.notFound("articleId", "no article " + id));
            return LongStream.rangeClosed(1, article.latestVersion())
                    .mapToObj(v -> new VersionView(v, article.version(v).title(),
                            Long.valueOf(v).equals(article.liveVersion())))
                    .toList();
        });
    }

    private ArticleDecider.Actor actor() {
        return new ArticleDecider.Actor(identity.getPrincipal().getName(), identity.hasRole("kb-editor"));
    }

    /** The body checked field by field: every fault is named in one 400. */
    static ArticleContent content(ArticleRequest body) {
        if (body == null) {
            throw Rejection.invalid("body", "an article's title, solution, language, audience and tier are required");
        }
        List<Rejection.Violation> faults = new ArrayList<>();
        String title = text(faults, "title", body.title(), Limits.NAME, true);
        String problem = text(faults, "problem", body.problem(), Limits.LONG_TEXT, false);
        String cause = text(faults, "cause", body.cause(), Limits.LONG_TEXT, false);
        String solution = text(faults, "solution", body.solution(), Limits.LONG_TEXT, true);
        Language language = choice(faults, "language", body.language(), Language.values(), Language::wireName);
        Audience audience = choice(faults, "audience", body.audience(), Audience.values(), Audience::wireName);
        Tier tier = choice(faults, "tier", body.tier(), Tier.values(), Tier::name);
        List<String> products = items(faults, "products", body.products());
        List<String> tags = items(faults, "tags", body.tags());
        List<UUID> related = body.related() == null ? List.of() : body.related();
        if (related.size() > 20 || related.stream().anyMatch(Objects::isNull)) {
            faults.add(new Rejection.Violation("related", "at most 20 article ids"));
        }
        if (!faults.isEmpty()) {
            throw Rejection.invalid(faults);
        }
        return new ArticleContent(title, problem, cause, solution, language, audience, tier, products, tags,
                body.translationOf(), related);
    }

    private static String text(List<Rejection.Violation> faults, String field, String value, int max,
            boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                faults.add(new Rejection.Violation(field, "is required"));
            }
            return null;
        }
        if (value.length() > max) {
            faults.add(new Rejection.Violation(field, "at most " + max + " characters"));
        }
        return value;
    }

    private static <E> E choice(List<Rejection.Violation> faults, String field, String value, E[] values,
            Function<E, String> wire) {
        E found = Arrays.stream(values).filter(v -> wire.apply(v).equals(value)).findFirst().orElse(null);
        if (found == null) {
            faults.add(new Rejection.Violation(field, "must be one of " + Arrays.stream(values).map(wire).toList()));
        }
        return found;
    }

    private static List<String> items(List<Rejection.Violation> faults, String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 20 || values.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 100)) {
            faults.add(new Rejection.Violation(field, "at most 20 items of 1 to 100 characters"));
        }
        return values;
    }
}
