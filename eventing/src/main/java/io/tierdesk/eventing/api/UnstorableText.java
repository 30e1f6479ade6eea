package io.tierdesk.eventing.api;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a request whose path or query carries U+0000 (%00) with a 400 problem naming where, before anything reads
 * it: PostgreSQL stores no NUL in text, so an id or a filter with one would fail as a statement. Bodies are checked
 * as they are read (EventJson's text rules).
 */
@ApplicationScoped
public class UnstorableText {
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String uri = context.request().uri();
            int nul = uri.toLowerCase(Locale.ROOT).indexOf("%00");
            if (nul < 0 && uri.indexOf('\u0000') < 0) {
                context.next();
                return;
            }
            int query = uri.indexOf('?');
            String where = query < 0 || (nul >= 0 && nul < query) ? "path" : parameterAt(uri, query, nul);
            Problem problem = new Problem("https://tierdesk.io/problems/invalid-request", "Invalid request", 400,
                    where + " must not contain the NUL character (U+0000)",
                    List.of(new Problem.FieldError(where, "must not contain the NUL character (U+0000)")));
            context.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Json.encode(problem.bounded()));
        });
    }

    /** The name of the query parameter whose text holds position {@code at}. */
    private static String parameterAt(String uri, int query, int at) {
        int start = uri.lastIndexOf('&', at) > query ? uri.lastIndexOf('&', at) + 1 : query + 1;
        int equals = uri.indexOf('=', start);
        String name = equals < 0 || equals > at ? "query" : uri.substring(start, equals);
        return name.isBlank() ? "query" : name;
    }
}
