package io.tierdesk.sla.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.sla.application.SlaClocks;
import io.tierdesk.sla.application.SlaSettings;
import io.tierdesk.sla.domain.BusinessCalendar;
import io.tierdesk.sla.domain.CalendarDraft;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.sla.application.CalendarRetiming;

/**
 * Business calendars: each PUT is a new version, committed at once; the clocks that count on it are re-timed after,
 * in batches ({@link io.tierdesk.sla.application.CalendarRetiming}). An invalid calendar is refused, naming each
 * field, and the old one stays.
 */
@Path("/api/v1/calendars")
public class CalendarsResource {
    /** A calendar as the API shows it: its id and version beside the fields of its draft. */
    public record CalendarView(String id, long version, String name, String zone,
            Map<String, List<CalendarDraft.Interval>> week, List<CalendarDraft.HolidayDraft> holidays,
            List<CalendarDraft.WorkingDayDraft> workingDays) {
        static CalendarView of(BusinessCalendar calendar) {
            CalendarDraft d = CalendarDraft.of(calendar);
            return new CalendarView(calendar.id(), calendar.version(), d.name(), d.zone(), d.week(), d.holidays(),
                    d.workingDays());
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final SlaSettings settings;
    private final SecurityIdentity identity;
    private final SlaClocks clocks;
    private final CalendarRetiming retiming;

    public CalendarsResource(Mutiny.SessionFactory sessions, SlaSettings settings, SecurityIdentity identity,
            SlaClocks clocks, CalendarRetiming retiming) {
        this.retiming = retiming;
        this.sessions = sessions;
        this.settings = settings;
        this.identity = identity;
        this.clocks = clocks;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<CalendarView>> list() {
        return sessions.withSession(settings::calendars).map(all -> all.stream().map(CalendarView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<CalendarView> get(@PathParam("id") String id) {
        return sessions.withSession(session -> settings.calendar(session, id)).map(found -> CalendarView.of(
                found.orElseThrow(() -> Rejection.notFound("id", "there is no calendar '" + id + "'"))));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({"supervisor", "admin"})
    public Uni<CalendarView> put(@PathParam("id") String id, CalendarDraft draft) {
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> clocks.changeCalendar(session, id, draft, by))
                .invoke(retiming::wake)
                .map(CalendarView::of);
    }
}
