package io.tierdesk.knowledge.projection;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.knowledge.application.Articles;
import io.tierdesk.knowledge.domain.Article;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import io.quarkus.vertx.VertxContextSupport;
import io.tierdesk.eventing.PeriodicJobs;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's search index: built at start from the article events in the event store, and kept current as
 * articles change here. Only live (published, not retired) versions are in it; an article and its translations are
 * indexed together so that a query in either language finds each of them.
 */
@ApplicationScoped
public class SearchIndex {
    private static final Logger LOG = Logger.getLogger(SearchIndex.class);

    private final Mutiny.SessionFactory sessions;
    private final Articles articles;
    private final ArticleIndex index = new ArticleIndex(ArticleIndex.Options.ALL);
    /** Every article's live text, or none: what the index is made from. */
    private final Map<UUID, ArticleContent> live = new ConcurrentHashMap<>();
    /** What customers wrote in the tickets each live article helped with, and did not. */
    private final Map<UUID, Learnt> solved = new ConcurrentHashMap<>();
    /** The oldest transaction running when the last rebuild began, as PostgreSQL prints an xid8. */
    private volatile String rebuiltBelow;
    private final CompletableFuture<Void> built = new CompletableFuture<>();
    /** The database's time of the latest feedback looked at. */
    private volatile Instant feedbackSeen = Instant.EPOCH;
    private final io.vertx.mutiny.core.Vertx workers;
    private final Duration feedbackInterval;
    /** Field-injected: tests build an index of their own with the constructor and never start its job. */
    @Inject
    PeriodicJobs jobs;
    @Inject
    MeterRegistry registry;

    public SearchIndex(Mutiny.SessionFactory sessions, Articles articles, io.vertx.core.Vertx vertx,
            @ConfigProperty(name = "tierdesk.knowledge.feedback-refresh",
                    defaultValue = "30s") Duration feedbackInterval) {
        this.sessions = sessions;
        this.articles = articles;
        this.workers = io.vertx.mutiny.core.Vertx.newInstance(vertx);
        this.feedbackInterval = feedbackInterval;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        // How often a search found its fuzzy terms already expanded: a low share says the cache is too small.
        FunctionCounter.builder("tierdesk.search.fuzzy.expansions", index, ArticleIndex::expansionsReused)
                .tag("outcome", "reused").register(registry);
        FunctionCounter.builder("tierdesk.search.fuzzy.expansions", index, ArticleIndex::expansionsMade)
                .tag("outcome", "made").register(registry);
        // On a duplicated Vert.x context, as Hibernate Reactive requires; the service is ready once it is done.
        VertxContextSupport.subscribeAndAwait(this::rebuild);
        // Feedback is not an event: every replica looks now and then for answers given since it last looked.
        jobs.every(feedbackInterval, "article feedback",
                () -> feedbackSince().chain(this::retryMissed).replaceWithVoid());
    }

    /** Articles whose change this replica could not index when it heard of it: read again at the next look. */
    private final Set<UUID> missed = ConcurrentHashMap.newKeySet();

    /** A change this replica could not index now; {@link #retryMissed} reads the article again later. */
    public void missed(UUID articleId) {
        missed.add(articleId);
    }

    /** Reads again the articles whose change could not be indexed; those that fail again stay for the next look. */
    public Uni<Integer> retryMissed() {
        List<UUID> ids = List.copyOf(missed);
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        ids.forEach(missed::remove);
        return changedAll(ids).replaceWith(ids.size())
                .onFailure().invoke(e -> missed.addAll(ids));
    }

    /**
     * Indexes again every live article agents answered on since the last look (a few seconds back, so an answer
     * committed late is not missed; indexing twice changes nothing).
     */
    public Uni<Integer> feedbackSince() {
        Instant since = feedbackSeen;
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT DISTINCT article_id, clock_timestamp() AS now FROM article_feedback
                        WHERE recorded_at >= ?1""", since.minusSeconds(5)))
                .chain(rows -> {
                    if (!rows.isEmpty()) {
                        feedbackSeen = rows.get(0).instant("now");
                    }
                    List<UUID> ids = rows.stream().map(r -> r.uuid("article_id")).filter(live::containsKey).toList();
                    return changedAll(ids).replaceWith(ids.size());
                });
    }

    /**
     * Reads every article's events and indexes what is live. Remembers the oldest transaction still running when it
     * began: whatever that or a later transaction appends may be missed here, and {@link #catchUp} reads it again.
     */
    public Uni<Integer> rebuild() {
        return sessions.withSession(session -> SqlRows.first(session,
                        "SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS xmin")
                .invoke(row -> rebuiltBelow = row.text("xmin"))
                .chain(() -> SqlRows.select(session, """
                        SELECT stream_id, type, CAST(payload AS text) AS payload FROM event
                        WHERE stream_type = ?1 ORDER BY stream_id, version""", Articles.STREAM))
                .map(rows -> {
                    Map<String, List<ArticleEvent>> streams = new HashMap<>();
                    for (SqlRows.Row row : rows) {
                        streams.computeIfAbsent(row.text("stream_id"), k -> new ArrayList<>()).add((ArticleEvent)
                                EventCatalog.decode(row.text("type"), row.text("payload")
                                        .getBytes(StandardCharsets.UTF_8)));
                    }
                    return streams.values().stream().map(Article::replay).toList();
                })
                .chain(all -> learnt(session, all).map(texts -> {
                    synchronized (this) {
                        all.forEach(a -> remember(a, texts));
                        live.keySet().forEach(this::reindex);
                        index.refresh();
                    }
                    built.complete(null);
                    LOG.infof("search index rebuilt: %d live articles of %d", live.size(), all.size());
                    return live.size();
                }))
                .call(() -> SqlRows.first(session, "SELECT clock_timestamp() AS now")
                        .invoke(row -> feedbackSeen = row.instant("now"))));
    }

    /**
     * Reads again every article a transaction appended to since the rebuild began. Called once this replica's topic
     * consumer knows its position: what was relayed before that position is in the store by then, what comes after
     * arrives on the topic, so no change falls between the rebuild and the first poll.
     */
    public Uni<Integer> catchUp() {
        // After the rebuild has applied what it read, so that its older reading never overwrites this newer one.
        return Uni.createFrom().completionStage(built).chain(() -> sessions.withSession(session -> SqlRows.select(
                        session, """
                        SELECT DISTINCT stream_id FROM event
                        WHERE stream_type = ?1 AND transaction_id >= CAST(?2 AS xid8)""", Articles.STREAM,
                        rebuiltBelow)))
                .chain(rows -> {
                    List<UUID> ids = rows.stream().map(r -> UUID.fromString(r.text("stream_id"))).toList();
                    return changedAll(ids).invoke(() -> LOG.infof("search index caught up: %d articles changed "
                            + "during the rebuild", ids.size())).replaceWith(ids.size());
                });
    }

    /** The most tickets of one article whose words are indexed with it: enough to learn from, bounded in size. */
    static final int TICKETS_PER_ARTICLE = 200;

    /** What customers wrote in the tickets an article helped with (linked, or found helpful) and did not help with. */
    record Learnt(List<String> helped, List<String> rejected) {
        static final Learnt NONE = new Learnt(List.of(), List.of());
    }

    /**
     * For each live article: the subject and first message of the tickets it solved or an agent found it helpful
     * for, and of those an agent found it not helpful for (and none helpful); one statement.
     */
    private static Uni<Map<UUID, Learnt>> learnt(Mutiny.Session session, List<Article> all) {
        List<Article> live = all.stream().filter(a -> a.liveVersion() != null).toList();
        if (live.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> linkArticles = new ArrayList<>();
        List<String> linkTickets = new ArrayList<>();
        live.forEach(a -> a.tickets().forEach(t -> {
            linkArticles.add(a.articleId().toString());
            linkTickets.add(t.toString());
        }));
        String[] ids = live.stream().map(a -> a.articleId().toString()).toArray(String[]::new);
        return SqlRows.select(session, """
                        WITH learnt AS (
                            SELECT article_id, ticket_id, bool_or(helped) AS helped FROM (
                                SELECT CAST(a AS uuid) AS article_id, CAST(t AS uuid) AS ticket_id, true AS helped
                                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) AS link(a, t)
                                UNION ALL
                                SELECT article_id, ticket_id, helpful FROM article_feedback
                                WHERE article_id = ANY(CAST(CAST(?3 AS text[]) AS uuid[]))) AS said
                            GROUP BY article_id, ticket_id),
                        ranked AS (
                            SELECT l.article_id, l.helped, t.subject || chr(10) || t.body AS text,
                                row_number() OVER (PARTITION BY l.article_id, l.helped ORDER BY l.ticket_id) AS n
                            FROM learnt l JOIN ticket_context t ON t.ticket_id = l.ticket_id)
                        SELECT article_id, helped, text FROM ranked WHERE n <= ?4""",
                        (Object) linkArticles.toArray(String[]::new), (Object) linkTickets.toArray(String[]::new),
                        (Object) ids, TICKETS_PER_ARTICLE)
                .map(rows -> {
                    Map<UUID, List<String>> helped = new HashMap<>();
                    Map<UUID, List<String>> rejected = new HashMap<>();
                    rows.forEach(r -> (r.bool("helped") ? helped : rejected)
                            .computeIfAbsent(r.uuid("article_id"), k -> new ArrayList<>()).add(r.text("text")));
                    Map<UUID, Learnt> learnt = new HashMap<>();
                    live.forEach(a -> learnt.put(a.articleId(), new Learnt(
                            helped.getOrDefault(a.articleId(), List.of()),
                            rejected.getOrDefault(a.articleId(), List.of()))));
                    return learnt;
                });
    }

    private Uni<Void> changedAll(List<UUID> ids) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            all = all.chain(() -> changed(id));
        }
        return all;
    }

    /** An article changed here: read it again and index it and its translations as they are now. */
    public Uni<Void> changed(UUID articleId) {
        return sessions.withSession(session -> articles.load(session, articleId).chain(found -> found.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : learnt(session, List.of(found.get())).invoke(texts -> {
                            Article a = found.get();
                            synchronized (this) {
                                Set<UUID> family = family(a.articleId(), a.latest());
                                remember(a, texts);
                                family.addAll(family(a.articleId(), a.latest()));
                                family.forEach(this::reindex);
                                index.refresh();
                            }
                        }).replaceWithVoid()));
    }

    public int distinctTerms(String text) {
        return index.distinctTerms(text);
    }

    /**
     * {@link #search} on a worker thread, answered on the caller's context: a search costs milliseconds of CPU that
     * the event loop serving every other request should not spend.
     */
    public Uni<List<ArticleIndex.Hit>> find(String query, ArticleIndex.Filter filter, int limit) {
        return workers.executeBlocking(() -> search(query, filter, limit), false);
    }

    public List<ArticleIndex.Hit> search(String query, ArticleIndex.Filter filter, int limit) {
        return index.search(query, filter, limit);
    }

    private void remember(Article article, Map<UUID, Learnt> learnt) {
        if (article.liveVersion() == null) {
            live.remove(article.articleId());
            solved.remove(article.articleId());
        } else {
            live.put(article.articleId(), article.version(article.liveVersion()));
            solved.put(article.articleId(), learnt.getOrDefault(article.articleId(), Learnt.NONE));
        }
    }

    /** The article, the original it translates and every translation of either. */
    private Set<UUID> family(UUID id, ArticleContent content) {
        UUID root = content.translationOf() != null ? content.translationOf() : id;
        Set<UUID> members = live.entrySet().stream().filter(e -> root.equals(e.getValue().translationOf()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
        members.add(root);
        members.add(id);
        return members;
    }

    private void reindex(UUID id) {
        ArticleContent content = live.get(id);
        if (content == null) {
            index.remove(id);
            return;
        }
        List<ArticleIndex.Translation> translations = family(id, content).stream().filter(other -> !other.equals(id))
                .map(live::get).filter(Objects::nonNull)
                .map(t -> new ArticleIndex.Translation(t.language().wireName(), t.title(), text(t))).toList();
        index.put(new ArticleIndex.Entry(id, content.language().wireName(), content.audience().wireName(),
                content.tier().name(), content.products(), content.title(), text(content), translations,
                solved.getOrDefault(id, Learnt.NONE).helped(), solved.getOrDefault(id, Learnt.NONE).rejected()));
    }

    private static String text(ArticleContent c) {
        return String.join("\n", c.problem() == null ? "" : c.problem(), c.cause() == null ? "" : c.cause(),
                c.solution());
    }
}
