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

    public SearchIndex(Mutiny.SessionFactory sessions, Articles articles) {
        this.sessions = sessions;
        this.articles = articles;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        // On a duplicated Vert.x context, as Hibernate Reactive requires; the service is ready once it is done.
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(this::rebuild);
    }

    /** Reads every article's events and indexes what is live. */
    public Uni<Integer> rebuild() {
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT stream_id, type, CAST(payload AS text) AS payload FROM event
                        WHERE stream_type = ?1 ORDER BY stream_id, version""", Articles.STREAM))
                .map(rows -> {
                    Map<String, List<ArticleEvent>> streams = new HashMap<>();
                    for (SqlRows.Row row : rows) {
                        streams.computeIfAbsent(row.text("stream_id"), k -> new ArrayList<>()).add((ArticleEvent)
                                EventCatalog.decode(row.text("type"), row.text("payload")
                                        .getBytes(StandardCharsets.UTF_8)));
                    }
                    synchronized (this) {
                        streams.values().forEach(events -> remember(Article.replay(events)));
                        live.keySet().forEach(this::reindex);
                        index.refresh();
                    }
                    LOG.infof("search index rebuilt: %d live articles of %d", live.size(), streams.size());
                    return live.size();
                });
    }

    /** An article changed here: read it again and index it and its translations as they are now. */
    public Uni<Void> changed(UUID articleId) {
        return sessions.withSession(session -> articles.load(session, articleId)).invoke(found -> found.ifPresent(a -> {
            synchronized (this) {
                Set<UUID> family = family(a.articleId(), a.latest());
                remember(a);
                family.addAll(family(a.articleId(), a.latest()));
                family.forEach(this::reindex);
                index.refresh();
            }
        })).replaceWithVoid();
    }

    public List<ArticleIndex.Hit> search(String query, ArticleIndex.Filter filter, int limit) {
        return index.search(query, filter, limit);
    }

    private void remember(Article article) {
        if (article.liveVersion() == null) {
            live.remove(article.articleId());
        } else {
            live.put(article.articleId(), article.version(article.liveVersion()));
        }
    }

    /** The article, the original it translates and every translation of either. */
    private Set<UUID> family(UUID id, ArticleContent content) {
        UUID root = content.translationOf() != null ? content.translationOf() : id;
        Set<UUID> members = live.entrySet().stream().filter(e -> root.equals(e.getValue().translationOf()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.HashSet::new));
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
                .map(live::get).filter(java.util.Objects::nonNull)
                .map(t -> new ArticleIndex.Translation(t.language().wireName(), t.title(), text(t))).toList();
        index.put(new ArticleIndex.Entry(id, content.language().wireName(), content.audience().wireName(),
                content.tier().name(), content.products(), content.title(), text(content), translations));
    }

    private static String text(ArticleContent c) {
        return String.join("\n", c.problem() == null ? "" : c.problem(), c.cause() == null ? "" : c.cause(),
                c.solution());
    }
}
