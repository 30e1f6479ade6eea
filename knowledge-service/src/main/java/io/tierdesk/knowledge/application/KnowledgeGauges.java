package io.tierdesk.knowledge.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.knowledge.domain.ArticleState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Articles by state and the self-service deflection rate of the last seven days, counted every minute so that a
 * dashboard reads them without a query of its own. NaN until the first count (or when nothing settled).
 */
@ApplicationScoped
public class KnowledgeGauges {
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFLECTION_WINDOW = Duration.ofDays(7);

    private final Mutiny.SessionFactory sessions;
    private final SelfService selfService;
    private final MeterRegistry registry;
    private final PeriodicJobs jobs;
    private final Clock clock;
    private final Map<String, Double> byState = new ConcurrentHashMap<>();
    private volatile double deflectionRate = Double.NaN;

    public KnowledgeGauges(Mutiny.SessionFactory sessions, SelfService selfService, MeterRegistry registry,
            PeriodicJobs jobs, Clock clock) {
        this.sessions = sessions;
        this.selfService = selfService;
        this.registry = registry;
        this.jobs = jobs;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        for (ArticleState state : ArticleState.values()) {
            Gauge.builder("tierdesk.knowledge.articles", byState, m -> m.getOrDefault(state.wireName(), Double.NaN))
                    .description("articles by the state of their latest version").tags("state", state.wireName())
                    .register(registry);
        }
        Gauge.builder("tierdesk.knowledge.deflection.rate", this, g -> g.deflectionRate)
                .description("self-service queries deflected / settled, last seven days").register(registry);
        jobs.every(INTERVAL, "knowledge gauges", this::refresh);
    }

    public Uni<Void> refresh() {
        return sessions.withSession(session -> SqlRows.select(session,
                        "SELECT state, count(*) AS n FROM article GROUP BY state")
                .invoke(rows -> {
                    for (ArticleState state : ArticleState.values()) {
                        byState.put(state.wireName(), 0.0);
                    }
                    rows.forEach(r -> byState.put(r.text("state"), (double) r.number("n")));
                })
                .chain(() -> selfService.deflection(session, clock.instant().minus(DEFLECTION_WINDOW),
                        clock.instant()))
                .invoke(d -> deflectionRate = d.rate() == null ? Double.NaN : d.rate()))
                .replaceWithVoid();
    }
}
