package io.tierdesk.sla.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.rules.TierParam;
import io.tierdesk.sla.application.SlaClocks;
import io.tierdesk.sla.domain.BusinessCalendar;
import io.tierdesk.sla.domain.SlaClock;
import io.tierdesk.sla.domain.SlaTicket;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Where a ticket's clocks stand, and the clocks about to breach: what agents and supervisors watch. */
@Path("/api/v1")
public class TicketSlaResource {
    /** One clock; durations are ISO-8601 working time of the calendar it counts on (a vendor's for its clocks). */
    public record ClockView(String clock, String state, Instant startedAt, Instant dueAt, String target,
            String elapsed, String remaining, List<SlaClock.Run> pauses, List<Instant> warnedAt, Instant breachedAt,
            Instant metAt) {
    }

    public record TicketSla(UUID ticketId, String plan, String priority, Long policyVersion, String calendar,
            Long calendarVersion, String tier, List<ClockView> clocks, VendorView vendor) {
    }

    /** The vendor case the vendor clocks run for, and the calendar of its agreement. */
    public record VendorView(String vendorId, String caseReference, String calendar, long calendarVersion) {
    }

    private final Mutiny.SessionFactory sessions;
    private final SlaClocks clocks;
    private final Clock clock;

    public TicketSlaResource(Mutiny.SessionFactory sessions, SlaClocks clocks, Clock clock) {
        this.sessions = sessions;
        this.clocks = clocks;
        this.clock = clock;
    }

    @GET
    @Path("tickets/{ticketId}/sla")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<TicketSla> ticket(@PathParam("ticketId") UUID ticketId) {
        Instant now = clock.instant();
        return sessions.withSession(session -> clocks.find(session, ticketId)).map(found -> {
            SlaClocks.Seen seen = found.orElseThrow(() -> Rejection.notFound("ticketId", "sla-monitor has not seen "
                    + "ticket " + ticketId));
            SlaTicket t = seen.ticket();
            BusinessCalendar calendar = seen.calendar();
            return new TicketSla(t.ticketId(), t.plan(), t.priority() == null ? null : t.priority().name(),
                    t.policy() == null ? null : t.policy().version(), t.policy() == null ? null : calendar.id(),
                    t.policy() == null ? null : calendar.version(), t.tier(),
                    t.clocks().values().stream().map(c -> view(c, t.calendarOf(c.kind(), calendar), now)).toList(),
                    t.vendor() == null ? null : new VendorView(t.vendor().vendorId(), t.vendor().caseReference(),
                            t.vendor().calendarId(), t.vendor().calendarVersion()));
        });
    }

    @GET
    @Path("sla/at-risk")
    @RolesAllowed({"supervisor", "admin"})
    public Uni<List<SlaClocks.AtRisk>> atRisk(@QueryParam("within") String within, @QueryParam("tier") String tier,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Duration window;
        try {
            window = within == null ? Duration.ofMinutes(30) : Duration.parse(within);
        } catch (DateTimeParseException e) {
            throw Rejection.invalid("within", "'" + within + "' is not an ISO-8601 duration such as PT30M");
        }
        if (window.isNegative()) {
            throw Rejection.invalid("within", "must not be negative");
        }
        if (tier != null) {
            TierParam.parse(tier, "tier", "must be L1, L2, L3 or L4");
        }
        Paging page = Paging.of(limit, offset);
        Instant until = clock.instant().plus(window);
        return sessions.withSession(session -> clocks.atRisk(session, until, tier, page));
    }

    private static ClockView view(SlaClock c, BusinessCalendar calendar, Instant now) {
        Duration elapsed = c.elapsed(calendar, now);
        Duration remaining = c.target().minus(elapsed);
        return new ClockView(c.kind().wireName(), c.state().wireName(), c.startedAt(),
                c.open() ? c.dueAt(calendar) : null, c.target().toString(), elapsed.toString(),
                (remaining.isNegative() ? Duration.ZERO : remaining).toString(), c.pauses(),
                c.warned().stream().map(SlaClock.Warning::at).toList(), c.breachedAt(), c.metAt());
    }
}
