package io.tierdesk.router.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.router.application.VendorCatalogue;
import io.tierdesk.router.domain.Vendor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The vendors L4 escalates to, with the agreement their cases run under. Each PUT is a new version; a case keeps the
 * agreement in force when it was opened.
 */
@Path("/api/v1/vendors")
public class VendorsResource {
    public record AgreementRequest(String response, String resolution, String calendar) {
    }

    public record VendorRequest(String name, String contact, List<String> products, AgreementRequest agreement) {
    }

    /** A vendor's id, and likewise an SLA calendar's. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The calendar an agreement that names none counts on. */
    static final String ALWAYS = "24x7";

    private final Mutiny.SessionFactory sessions;
    private final VendorCatalogue vendors;
    private final SecurityIdentity identity;

    public VendorsResource(Mutiny.SessionFactory sessions, VendorCatalogue vendors, SecurityIdentity identity) {
        this.sessions = sessions;
        this.vendors = vendors;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<Vendor>> list() {
        return sessions.withSession(vendors::vendors);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<Vendor> get(@PathParam("id") String id) {
        return sessions.withSession(session -> vendors.vendor(session, id)).map(found -> found.orElseThrow(() ->
                Rejection.notFound("id", "there is no vendor '" + id + "'")));
    }

    /** 201 for a new vendor, 200 for a new version of one. */
    @PUT
    @Path("{id}")
    @RolesAllowed("admin")
    public Uni<Response> put(@PathParam("id") String id, VendorRequest request) {
        Vendor draft = draft(id, request);
        return sessions.withTransaction(session -> vendors.save(session, draft, identity.getPrincipal().getName()))
                .map(saved -> Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(saved.vendor()).build());
    }

    private static Vendor draft(String id, VendorRequest request) {
        if (!ID.matcher(id).matches()) {
            throw Rejection.invalid("id", "must be 1 to 63 lower-case letters, digits or '-', starting with one of "
                    + "the former");
        }
        if (request == null) {
            throw Rejection.invalid("name", "is required");
        }
        Limits.required("name", request.name(), Limits.NAME);
        Limits.max("contact", request.contact(), Limits.SHORT_TEXT);
        List<String> products = Limits.items("products", request.products(), 50, 100);
        AgreementRequest agreement = request.agreement();
        if (agreement == null) {
            throw Rejection.invalid("agreement", "is required: {\"response\": \"PT4H\", \"resolution\": \"P2D\", "
                    + "\"calendar\": \"office\"}");
        }
        String response = duration("agreement.response", agreement.response());
        String resolution = duration("agreement.resolution", agreement.resolution());
        if (response == null && resolution == null) {
            throw Rejection.invalid("agreement.response", "an agreement sets a response or a resolution target");
        }
        String calendar = agreement.calendar() == null ? ALWAYS : agreement.calendar();
        if (!ID.matcher(calendar).matches()) {
            throw Rejection.invalid("agreement.calendar", "must be an SLA calendar's id");
        }
        return new Vendor(id, 0, request.name().strip(), request.contact(), products,
                new VendorCase.Agreement(response, resolution, calendar));
    }

    private static String duration(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw Rejection.invalid(field, "must be positive");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "must be a duration in ISO 8601 (PT4H, P2D)");
        }
    }
}
