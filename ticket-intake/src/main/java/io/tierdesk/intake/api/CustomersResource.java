package io.tierdesk.intake.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.intake.application.Customers;
import io.tierdesk.intake.application.Customers.Customer;
import io.tierdesk.intake.application.IntakeConfig;
import io.tierdesk.intake.application.IntakeValidation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.LocalDate;
import org.hibernate.reactive.mutiny.Mutiny;

/** Customers and their support plans. */
@Path("/api/v1/customers/{externalId}")
public class CustomersResource {
    public record CustomerRequest(String name, String email, String phone, String organisation, String language,
            String plan, LocalDate planValidUntil) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Customers customers;
    private final IntakeConfig config;

    public CustomersResource(Mutiny.SessionFactory sessions, Customers customers, IntakeConfig config) {
        this.sessions = sessions;
        this.customers = customers;
        this.config = config;
    }

    @PUT
    @RolesAllowed({"supervisor", "admin"})
    public Uni<Customer> put(@PathParam("externalId") String externalId, CustomerRequest request) {
        if (request == null) {
            throw Rejection.invalid("body", "is required");
        }
        Limits.max("externalId", externalId, IntakeValidation.MAX_REFERENCE);
        Limits.max("name", request.name(), IntakeValidation.MAX_NAME);
        Limits.max("email", request.email(), IntakeValidation.MAX_NAME);
        Limits.max("phone", request.phone(), 50);
        Limits.max("organisation", request.organisation(), IntakeValidation.MAX_NAME);
        if (request.language() != null && !config.languages().contains(request.language())) {
            throw Rejection.invalid("language", "must be one of " + config.languages().stream().sorted().toList());
        }
        SupportPlan plan;
        try {
            plan = request.plan() == null ? config.defaultSupportPlan() : SupportPlan.fromWire(request.plan());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("plan", e.getMessage());
        }
        Customer customer = new Customer(externalId, request.name(), request.email(), request.phone(),
                request.organisation(), request.language(), plan, request.planValidUntil());
        return sessions.withTransaction(session -> customers.save(session, customer));
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<Customer> get(@PathParam("externalId") String externalId) {
        return sessions.withSession(session -> customers.find(session, externalId))
                .onItem().ifNull().failWith(() -> Rejection.notFound("externalId", "no customer " + externalId));
    }
}
