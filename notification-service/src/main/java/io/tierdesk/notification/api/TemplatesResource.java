package io.tierdesk.notification.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.notification.application.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The notification templates per kind and language: read, replaced (checked at save), previewed. */
@Path("/api/v1/templates/{key}/{lang}")
@RolesAllowed("admin")
public class TemplatesResource {
    /** A template as sent: subject and plain text required, HTML optional (mail only). */
    public record TemplateBody(String subject, String text, String html) {
    }

    private final Templates templates;
    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final Clock clock;

    public TemplatesResource(Templates templates, Mutiny.SessionFactory sessions, SecurityIdentity identity,
            Clock clock) {
        this.templates = templates;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    public Templates.Template get(@PathParam("key") String key, @PathParam("lang") String lang) {
        return known(key, lang);
    }

    @PUT
    public Uni<Templates.Template> put(@PathParam("key") String key, @PathParam("lang") String lang,
            TemplateBody body) {
        known(key, lang);
        checked(body);
        return sessions.withTransaction(session -> templates.save(session, key, lang, body.subject(), body.text(),
                body.html(), identity.getPrincipal().getName(), clock.instant()));
    }

    /** Renders the template sent (or, without a body, the one in force) against a sample ticket. */
    @POST
    @Path("preview")
    public Templates.Rendered preview(@PathParam("key") String key, @PathParam("lang") String lang,
            TemplateBody body) {
        Templates.Template template = known(key, lang);
        if (body != null && (body.subject() != null || body.text() != null)) {
            checked(body);
            template = new Templates.Template(key, lang, body.subject(), body.text(), body.html(), 0);
        }
        return templates.render(template, Templates.sample());
    }

    private Templates.Template known(String key, String lang) {
        if (!Templates.LANGUAGES.contains(lang)) {
            throw Rejection.invalid("lang", "one of " + Templates.LANGUAGES);
        }
        Templates.Template template = templates.find(key, lang);
        if (template == null) {
            throw Rejection.notFound("key", "no template " + key + "; the kinds are " + templates.kinds());
        }
        return template;
    }

    private void checked(TemplateBody body) {
        if (body == null) {
            throw Rejection.invalid("subject", "a template with subject and text is required");
        }
        List<Templates.Fault> faults = templates.check(body.subject(), body.text(), body.html());
        if (!faults.isEmpty()) {
            throw Rejection.invalid(faults.stream().map(f -> new Rejection.Violation(f.field(), f.message()))
                    .toList());
        }
    }
}
