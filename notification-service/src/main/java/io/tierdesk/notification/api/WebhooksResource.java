package io.tierdesk.notification.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.notification.application.Webhooks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.notification.application.WebhookTargets;

/** Channel adapters' and integrations' webhooks; the secret is taken, never given back. */
@Path("/api/v1/webhooks/{id}")
@RolesAllowed("admin")
public class WebhooksResource {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::wireName).toList();

    public record WebhookBody(String url, String secret, List<String> channels, List<String> types) {
    }

    /** A webhook as answered: no secret, only whether a previous one still signs and until when. */
    public record WebhookView(String id, String url, List<String> channels, List<String> types, boolean enabled,
            String disabledReason, Instant previousSecretUntil) {
        static WebhookView of(Webhooks.Webhook w) {
            return new WebhookView(w.id(), w.url(), w.channels(), w.types(), w.enabled(), w.disabledReason(),
                    w.previousUntil());
        }
    }

    private final Webhooks webhooks;
    private final WebhookTargets targets;
    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final Clock clock;

    public WebhooksResource(Webhooks webhooks, WebhookTargets targets,
            Mutiny.SessionFactory sessions, SecurityIdentity identity,
            Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    public WebhookView get(@PathParam("id") String id) {
        return webhooks.find(id).map(WebhookView::of)
                .orElseThrow(() -> Rejection.notFound("id", "no webhook " + id));
    }

    @PUT
    public Uni<WebhookView> put(@PathParam("id") String id, WebhookBody body) {
        List<Rejection.Violation> faults = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            faults.add(new Rejection.Violation("id", "lower-case letters, digits, '.', '_' or '-', at most 63"));
        }
        if (body == null) {
            throw Rejection.invalid("url", "a webhook with url and secret is required");
        }
        if (!validUrl(body.url())) {
            faults.add(new Rejection.Violation("url", "an absolute http:// or https:// URL"));
        }
        byte[] key = Webhooks.key(body.secret());
        if (key == null || key.length < 16) {
            faults.add(new Rejection.Violation("secret", "whsec_ followed by the base64 of 16 to 64 random bytes"));
        } else if (key.length > 64) {
            faults.add(new Rejection.Violation("secret", "at most 64 bytes"));
        }
        List<String> channels = body.channels() == null ? List.of() : body.channels();
        if (channels.stream().anyMatch(c -> !CHANNELS.contains(c))) {
            faults.add(new Rejection.Violation("channels", "each one of " + CHANNELS));
        }
        List<String> types = body.types() == null ? List.of() : body.types();
        if (types.stream().anyMatch(t -> !RulesResource.EVENT_TYPES.contains(t))) {
            faults.add(new Rejection.Violation("types", "event types this service reads"));
        }
        if (channels.isEmpty() && types.isEmpty()) {
            faults.add(new Rejection.Violation("channels", "name the channels it serves or the event types it wants"));
        }
        if (!faults.isEmpty()) {
            throw Rejection.invalid(faults);
        }
        String by = identity.getPrincipal().getName();
        return targets.checked(URI.create(body.url())).chain(refusal -> {
            if (refusal.isPresent()) {
                throw Rejection.invalid("url", refusal.get().reason());
            }
            return sessions.withTransaction(session -> webhooks.save(session, id, body.url(), body.secret(),
                    channels.stream().distinct().toList(), types.stream().distinct().toList(), by, clock.instant()));
        }).call(webhooks::reload).map(WebhookView::of);
    }

    @DELETE
    public Uni<Response> delete(@PathParam("id") String id) {
        return sessions.withTransaction(session -> webhooks.delete(session, id)).call(webhooks::reload).map(found -> {
            if (!found) {
                throw Rejection.notFound("id", "no webhook " + id);
            }
            return Response.noContent().build();
        });
    }

    private static boolean validUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
