package io.tierdesk.sla.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.sla.domain.BusinessCalendar;
import io.tierdesk.sla.domain.QualityReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The quality report: the projection's rows of the period, counted on the calendars as they are now, a page at a
 * time (see {@link QualityProjection#feed}).
 */
@ApplicationScoped
public class QualityReports {
    private final Mutiny.SessionFactory sessions;
    private final QualityProjection projection;
    private final SlaSettings settings;
    private final Clock clock;

    public QualityReports(Mutiny.SessionFactory sessions, QualityProjection projection, SlaSettings settings,
            Clock clock) {
        this.sessions = sessions;
        this.projection = projection;
        this.settings = settings;
        this.clock = clock;
    }

    public Uni<QualityReport> report(QualityReport.Query query) {
        return sessions.withSession(session -> settings.calendars(session).chain(calendars -> {
            Map<String, BusinessCalendar> byId = calendars.stream()
                    .collect(Collectors.toMap(BusinessCalendar::id, Function.identity()));
            QualityReport.Builder builder = new QualityReport.Builder(query, byId::get, clock.instant());
            return projection.feed(session, query, builder).chain(() -> projection.vendors(session, query))
                    .map(vendors -> builder.build().withVendors(vendors));
        }));
    }
}
