package io.tierdesk.sla.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.sla.domain.QualityReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The quality report's headline figures over a rolling window, and the open clocks by state, as gauges refreshed
 * every {@code tierdesk.sla.gauge-interval}: a dashboard reads them without asking for a report. A figure with
 * nothing to count is NaN. Counting them reads every ticket of the window and every open clock, so at rest — nothing
 * consumed, nothing announced since the last count — they are counted again only once {@code gauge-max-age} old.
 */
@ApplicationScoped
public class SlaGauges {
    private static final List<String> OPEN_STATES = List.of("running", "paused", "breached");

    private final QualityReports reports;
    private final Mutiny.SessionFactory sessions;
    private final MeterRegistry registry;
    private final PeriodicJobs jobs;
    private final Clock clock;
    private final SlaConfig config;
    private volatile QualityReport latest;
    private final Map<String, Double> openClocks = new ConcurrentHashMap<>();
    /** What had been consumed and announced when the gauges were last counted, and when that was. */
    private volatile String countedMark;
    private volatile Instant countedAt = Instant.MIN;

    public SlaGauges(QualityReports reports, Mutiny.SessionFactory sessions, MeterRegistry registry,
            PeriodicJobs jobs, Clock clock, SlaConfig config) {
        this.reports = reports;
        this.sessions = sessions;
        this.registry = registry;
        this.jobs = jobs;
        this.clock = clock;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        String window = config.gaugeWindow().toString();
        headline("tierdesk.quality.opened", window, "tickets opened in the window", f -> f.opened());
        headline("tierdesk.quality.resolved", window, "tickets resolved in the window", f -> f.resolved());
        headline("tierdesk.quality.share.resolved", window, "share of the window's openings resolved",
                f -> value(f.shareResolved()));
        headline("tierdesk.quality.resolved.at.l1", window, "share of the window's resolutions on L1",
                f -> value(f.resolvedAtL1().share()));
        headline("tierdesk.quality.one.touch", window, "share resolved with one public message, never reopened",
                f -> value(f.oneTouch().share()));
        headline("tierdesk.quality.reopen.rate", window, "share of resolutions reopened before",
                f -> value(f.reopenRate()));
        headline("tierdesk.quality.repeat.contact.rate", window, "share of openings that repeat an earlier ticket",
                f -> value(f.repeatContactRate()));
        headline("tierdesk.quality.first.response.p50.seconds", window, "median first response, wall time",
                f -> seconds(f.firstResponse().p50()));
        headline("tierdesk.quality.resolution.p50.seconds", window, "median time to resolve, wall time",
                f -> seconds(f.resolution().p50()));
        headline("tierdesk.quality.satisfaction.average", window, "average satisfaction rating",
                f -> value(f.satisfaction().average()));
        for (String clockName : QualityReport.CLOCKS) {
            Gauge.builder("tierdesk.quality.sla.compliance", this, g -> g.latest == null ? Double.NaN
                            : value(g.latest.total().sla().get(clockName).compliance()))
                    .description("met / (met + breached) in the window").tags("window", window, "clock", clockName)
                    .register(registry);
        }
        for (String tier : QualityReport.TIERS) {
            Gauge.builder("tierdesk.quality.backlog", this, g -> g.latest == null ? Double.NaN
                            : g.latest.backlog().stream().filter(b -> b.tier().equals(tier)).findFirst()
                                    .map(b -> (double) b.open()).orElse(Double.NaN))
                    .description("tickets open now, by line").tags("tier", tier).register(registry);
        }
        for (String state : OPEN_STATES) {
            Gauge.builder("tierdesk.sla.clocks.open", openClocks, m -> m.getOrDefault(state, Double.NaN))
                    .description("clocks that still count, by state").tags("state", state).register(registry);
        }
        jobs.every(config.gaugeInterval(), "SLA gauges", this::refreshIfChanged);
    }

    /** The gauges counted again if anything happened since the last count or it is too old; true if they were. */
    public Uni<Boolean> refreshIfChanged() {
        Instant now = clock.instant();
        // Read before counting: what arrives meanwhile makes the next mark differ, and is counted next time.
        return sessions.withSession(session -> SqlRows.first(session, """
                        SELECT coalesce(CAST((SELECT max(processed_at) FROM processed_event) AS text), '') || '/'
                            || (SELECT coalesce(max(id), 0) FROM event) AS mark"""))
                .chain(row -> {
                    String mark = row.text("mark");
                    if (mark.equals(countedMark) && now.isBefore(countedAt.plus(config.gaugeMaxAge()))) {
                        return Uni.createFrom().item(false);
                    }
                    return refresh().invoke(() -> {
                        countedMark = mark;
                        countedAt = now;
                    }).replaceWith(true);
                });
    }

    /** Refreshes every gauge: one report over the window, one count of the open clocks. */
    public Uni<Void> refresh() {
        Instant now = clock.instant();
        return reports.report(new QualityReport.Query(now.minus(config.gaugeWindow()), now, null, null, null, null,
                        ZoneOffset.UTC))
                .invoke(report -> latest = report)
                .chain(() -> sessions.withSession(session -> SqlRows.select(session, """
                        SELECT CASE WHEN c ->> 'breachedAt' IS NOT NULL THEN 'breached'
                                    WHEN c -> 'runs' -> -1 ->> 'to' IS NULL THEN 'running' ELSE 'paused' END AS state,
                               count(*) AS n
                        FROM sla_ticket s, jsonb_each(s.state -> 'clocks') AS e(kind, c)
                        WHERE c ->> 'metAt' IS NULL AND c ->> 'stoppedAt' IS NULL GROUP BY 1""")))
                .invoke(rows -> {
                    OPEN_STATES.forEach(state -> openClocks.put(state, 0.0));
                    rows.forEach(r -> openClocks.put(r.text("state"), (double) r.number("n")));
                })
                .replaceWithVoid();
    }

    private void headline(String name, String window, String description,
            ToDoubleFunction<QualityReport.Figures> figure) {
        Gauge.builder(name, this, g -> g.latest == null ? Double.NaN : figure.applyAsDouble(g.latest.total()))
                .description(description).tags("window", window).register(registry);
    }

    private static double value(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double seconds(Duration value) {
        return value == null ? Double.NaN : value.toMillis() / 1000.0;
    }
}
