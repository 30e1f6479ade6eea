package io.tierdesk.sla.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.rules.TierParam;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.sla.application.QualityReports;
import io.tierdesk.sla.domain.QualityReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.time.OffsetDateTime;

/** The quality figures of a period for supervisors: JSON, or CSV for a spreadsheet. */
@Path("/api/v1/reports/quality")
@RolesAllowed({"supervisor", "admin"})
public class QualityReportResource {
    static final Duration LONGEST = Duration.ofDays(366);

    private final QualityReports reports;
    private final Clock clock;

    public QualityReportResource(QualityReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Produces("application/json")
    public Uni<QualityReport> json(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("plan") String plan, @QueryParam("tier") String tier, @QueryParam("channel") String channel,
            @QueryParam("groupBy") String groupBy, @QueryParam("zone") String zone) {
        return reports.report(query(from, to, plan, tier, channel, groupBy, zone));
    }

    @GET
    @Produces("text/csv")
    public Uni<String> csv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("plan") String plan, @QueryParam("tier") String tier, @QueryParam("channel") String channel,
            @QueryParam("groupBy") String groupBy, @QueryParam("zone") String zone) {
        return reports.report(query(from, to, plan, tier, channel, groupBy, zone)).map(QualityCsv::of);
    }

    /**
     * The period is [from, to): instants, or dates read in {@code zone} (a date's start; {@code to} is exclusive).
     * Without {@code to}, now; without {@code from}, seven days before {@code to}.
     */
    private QualityReport.Query query(String from, String to, String plan, String tier, String channel,
            String groupBy, String zone) {
        ZoneId zoneId;
        try {
            zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Rejection.invalid("zone", "'" + zone + "' is not an IANA time zone such as Europe/Moscow");
        }
        Instant end = to == null ? clock.instant() : moment("to", to, zoneId);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : moment("from", from, zoneId);
        if (!start.isBefore(end)) {
            throw Rejection.invalid("from", "must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw Rejection.invalid("to", "a report covers at most 366 days");
        }
        if (plan != null) {
            try {
                SupportPlan.fromWire(plan);
            } catch (IllegalArgumentException e) {
                throw Rejection.invalid("plan", "must be warranty, post-warranty, premium or self-service");
            }
        }
        if (tier != null) {
            TierParam.parse(tier, "tier", "must be L1, L2, L3 or L4");
        }
        if (channel != null && Arrays.stream(Channel.values()).noneMatch(c -> c.wireName().equals(channel))) {
            throw Rejection.invalid("channel", "must be one of " + Arrays.stream(Channel.values())
                    .map(Channel::wireName).toList());
        }
        QualityReport.GroupBy grouping = null;
        if (groupBy != null) {
            grouping = Arrays.stream(QualityReport.GroupBy.values())
                    .filter(g -> g.wireName().equals(groupBy.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> Rejection.invalid("groupBy", "must be day, week, plan, tier, channel or agent"));
        }
        return new QualityReport.Query(start, end, plan, tier, channel, grouping, zoneId);
    }

    private static Instant moment(String field, String value, ZoneId zone) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw Rejection.invalid(field, "'" + value + "' is neither a date (2026-11-01) nor an instant with "
                    + "its offset (2026-11-01T00:00:00Z)");
        }
    }
}
