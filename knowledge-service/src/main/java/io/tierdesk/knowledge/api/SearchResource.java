package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.knowledge.projection.SearchIndex;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Search over the published articles: agents and editors see every audience, channels only public articles. */
@Path("/api/v1/search")
public class SearchResource {
    public record Item(UUID articleId, String title, String language, String audience, float score,
            String snippet) {
    }

    public record Results(List<Item> items) {
    }

    private final SearchIndex index;
    private final SecurityIdentity identity;

    public SearchResource(SearchIndex index, SecurityIdentity identity) {
        this.index = index;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"agent", "kb-editor", "supervisor", "admin", "channel"})
    public Results search(@QueryParam("q") String q, @QueryParam("lang") String lang,
            @QueryParam("audience") String audience, @QueryParam("product") String product,
            @QueryParam("tier") String tier, @QueryParam("limit") Integer limit) {
        if (q == null || q.isBlank()) {
            throw Rejection.invalid("q", "say what to search for");
        }
        Limits.max("q", q, Limits.SHORT_TEXT);
        check("lang", lang, Arrays.stream(Language.values()).map(Language::wireName).toList());
        check("audience", audience, Arrays.stream(Audience.values()).map(Audience::wireName).toList());
        check("tier", tier, Arrays.stream(Tier.values()).map(Tier::name).toList());
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > 50) {
            throw Rejection.invalid("limit", "from 1 to 50");
        }
        // A channel speaks for customers: public articles only, whatever it asks for.
        boolean staff = identity.getRoles().stream().anyMatch(r -> !r.equals("channel"));
        String seen = staff ? audience : Audience.PUBLIC.wireName();
        return new Results(index.search(q, new ArticleIndex.Filter(lang, seen, product, tier), n).stream()
                .map(h -> new Item(h.articleId(), h.title(), h.language(), h.audience(), h.score(), h.snippet()))
                .toList());
    }

    private static void check(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Rejection.invalid(field, "must be one of " + allowed);
        }
    }
}
