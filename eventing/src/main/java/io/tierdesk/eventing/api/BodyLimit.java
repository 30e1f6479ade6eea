package io.tierdesk.eventing.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose Content-Length is over {@code quarkus.http.limits.max-body-size} with a 413 problem
 * before anything reads it. (Quarkus' own check answers 413 with an empty body; it still guards chunked bodies.)
 */
@ApplicationScoped
public class BodyLimit {
    private final Optional<MemorySize> limit;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && isOver(length, max)) {
                Problem problem = new Problem("https://tierdesk.io/problems/payload-too-large", "Payload too large",
                        413, "the body is " + length + " bytes; at most " + max + " are accepted",
                        List.of(new Problem.FieldError("body", "at most " + max + " bytes")));
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE);
                // HTTP/1.1 closes the connection rather than read the rest; HTTP/2 forbids the header and ends only
                // this stream.
                if (context.request().version() != HttpVersion.HTTP_2) {
                    context.response().putHeader("Connection", "close");
                }
                context.response().end(Json.encode(problem));
            } else {
                context.next();
            }
        });
    }

    private static boolean isOver(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
