package io.tierdesk.router.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.router.application.FieldWorkRepository;
import io.tierdesk.router.domain.Visit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** An engineer's visits on a day: their round, cancelled ones included. */
@Path("/api/v1/visits")
@RolesAllowed({"agent", "supervisor", "admin"})
public class VisitsResource {
    private final Mutiny.SessionFactory sessions;
    private final FieldWorkRepository visits;

    public VisitsResource(Mutiny.SessionFactory sessions, FieldWorkRepository visits) {
        this.sessions = sessions;
        this.visits = visits;
    }

    /** {@code day} (2026-12-07) in {@code zone} (UTC when absent): the visits that meet it. */
    @GET
    public Uni<List<Visit>> ofEngineer(@QueryParam("engineer") String engineer, @QueryParam("day") String day,
            @QueryParam("zone") String zone) {
        Limits.required("engineer", engineer, Limits.NAME);
        ZoneId zoneId;
        try {
            zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Rejection.invalid("zone", "'" + zone + "' is not an IANA time zone such as Europe/Moscow");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(Limits.required("day", day, 10));
        } catch (DateTimeException e) {
            throw Rejection.invalid("day", "'" + day + "' is not a date such as 2026-12-07");
        }
        return sessions.withSession(session -> visits.ofEngineer(session, engineer,
                date.atStartOfDay(zoneId).toInstant(), date.plusDays(1).atStartOfDay(zoneId).toInstant()));
    }
}
