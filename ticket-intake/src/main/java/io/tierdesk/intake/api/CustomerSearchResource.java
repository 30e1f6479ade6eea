package io.tierdesk.intake.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.intake.application.Customers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Customers found by name, e-mail or phone: the look-up of the registration form. */
@Path("/api/v1/customers")
@RolesAllowed({"agent", "supervisor", "admin"})
public class CustomerSearchResource {
    private final Customers customers;
    private final Mutiny.SessionFactory sessions;

    public CustomerSearchResource(Customers customers, Mutiny.SessionFactory sessions) {
        this.customers = customers;
        this.sessions = sessions;
    }

    @GET
    public Uni<List<Customers.Customer>> search(@QueryParam("q") String q, @QueryParam("limit") Integer limit) {
        if (q == null || q.strip().length() < 2) {
            throw Rejection.invalid("q", "at least two characters of a name, an e-mail or a phone number");
        }
        if (q.length() > 200) {
            throw Rejection.invalid("q", "at most 200 characters");
        }
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) {
            throw Rejection.invalid("limit", "from 1 to 100");
        }
        return sessions.withSession(session -> customers.search(session, q.strip(), n));
    }
}
