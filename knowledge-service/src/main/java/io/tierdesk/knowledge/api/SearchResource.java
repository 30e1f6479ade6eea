package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.rules.TierParam;
import io.tierdesk.knowledge.projection.SearchIndex;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tierdesk.knowledge.application.SearchGaps;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hibernate.reactive.mutiny.Mutiny;

/** Search over the published articles: agents and editors see every audience, channels only public articles. */
@Path("/api/v1/search")
public class SearchResource {
    public record Item(UUID articleId, String title, String language, String audience, float score,
            String snippet) {
    }

    public record Results(List<Item> items) {
    }

    /** The roles that may see internal articles; every other caller sees public ones only. */
    static final Set<String> SEES_INTERNAL = Set.of("agent", "kb-editor", "supervisor", "admin");

    private final SearchIndex index;
    private final SecurityIdentity identity;
    private final SearchGaps gaps;
    private final Mutiny.SessionFactory sessions;
    private final MeterRegistry registry;
    private final Timer latency;

    public SearchResource(SearchIndex index, SecurityIdentity identity, SearchGaps gaps,
            Mutiny.SessionFactory sessions,
            MeterRegistry registry) {
        this.index = index;
        this.identity = identity;
        this.gaps = gaps;
        this.sessions = sessions;
        this.registry = registry;
        this.latency = Timer.builder("tierdesk.knowledge.search.latency")
                .description("the index's answer to one search").publishPercentiles(0.5, 0.95).register(registry);
    }

    /** What was searched for and found nothing, the most searched first: what articles to write next. */
    @GET
    @Path("gaps")
    @RolesAllowed({"kb-editor", "supervisor", "admin"})
    public Uni<List<SearchGaps.Gap>> gaps(
            @QueryParam("limit") Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            throw Rejection.invalid("limit", "from 1 to 500");
        }
        return sessions.withSession(session -> gaps.top(session, n));
    }

    @GET
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin", "channel"})
    public Uni<Results> search(@QueryParam("q") String q, @QueryParam("lang") String lang,
            @QueryParam("audience") String audience, @QueryParam("product") String product,
            @QueryParam("tier") String tier, @QueryParam("limit") Integer limit) {
        if (q == null || q.isBlank()) {
            throw Rejection.invalid("q", "say what to search for");
        }
        Limits.max("q", q, Limits.SHORT_TEXT);
        check("lang", lang, Arrays.stream(Language.values()).map(Language::wireName).toList());
        check("audience", audience, Arrays.stream(Audience.values()).map(Audience::wireName).toList());
        if (tier != null) {
            TierParam.parse(tier, "tier", "must be L1, L2, L3 or L4");
        }
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > 50) {
            throw Rejection.invalid("limit", "from 1 to 50");
        }
        if (index.distinctTerms(q) > ArticleIndex.MAX_QUERY_TERMS) {
            throw Rejection.invalid("q", "at most " + ArticleIndex.MAX_QUERY_TERMS + " distinct words");
        }
        // Channels speak for customers: public articles only, whatever they ask for. Internal ones need a role on
        // the list; any other group a token carries adds nothing.
        boolean staff = identity.getRoles().stream().anyMatch(SEES_INTERNAL::contains);
        String seen = staff ? audience : Audience.PUBLIC.wireName();
        long started = System.nanoTime();
        return index.find(q, new ArticleIndex.Filter(lang, seen, product, tier), n).chain(hits -> {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            registry.counter("tierdesk.knowledge.searches", "caller", staff ? "staff" : "channel", "result",
                    hits.isEmpty() ? "empty" : "found").increment();
            Results results = new Results(hits.stream()
                    .map(h -> new Item(h.articleId(), h.title(), h.language(), h.audience(), h.score(), h.snippet()))
                    .toList());
            return hits.isEmpty() ? sessions.withTransaction(session -> gaps.record(session, q)).replaceWith(results)
                    : Uni.createFrom().item(results);
        });
    }

    private static void check(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Rejection.invalid(field, "must be one of " + allowed);
        }
    }
}
