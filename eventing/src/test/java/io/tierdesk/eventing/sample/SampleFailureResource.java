package io.tierdesk.eventing.sample;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.hibernate.reactive.mutiny.Mutiny;

/** Lets the database fail with a chosen SQLSTATE, over a real connection, to test how failures are answered. */
@Path("/api/v1/sample-failures/{sqlState}")
public class SampleFailureResource {
    private final Mutiny.SessionFactory sessions;

    public SampleFailureResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @POST
    @RolesAllowed("agent")
    public Uni<String> fail(@PathParam("sqlState") String sqlState) {
        if (!sqlState.matches("[0-9A-Z]{5}")) {
            throw io.tierdesk.eventing.domain.Rejection.invalid("sqlState", "five characters");
        }
        return sessions.withTransaction(session -> session.createNativeMutationQuery("DO $$ BEGIN RAISE EXCEPTION "
                        + "'secret internals' USING ERRCODE = '" + sqlState + "'; END $$").executeUpdate())
                .map(ignored -> "unreachable");
    }
}
