package io.tierdesk.router.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.events.routing.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.reactive.mutiny.Mutiny;
import java.util.EnumMap;
import java.util.Optional;

/**
 * Queue length and oldest wait per tier, utilisation per agent and per tier. Gauges are read synchronously by the
 * scraper, the database only reactively: a timer reads the figures every {@code tierdesk.router.gauge-interval} and
 * the gauges show the last reading. Every router replica reports the same figures (they share the database), so
 * dashboards take one replica's value (max), not the sum.
 */
@ApplicationScoped
public class RouterGauges {
    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final PeriodicJobs jobs;
    private final Duration interval;
    private final AtomicReference<LoadSnapshot> last = new AtomicReference<>(new LoadSnapshot(Map.of(), List.of()));
    private final MultiGauge tierActive;

    public RouterGauges(Mutiny.SessionFactory sessions, MeterRegistry registry, Clock clock,
            PeriodicJobs jobs, RouterConfig config) {
        this.sessions = sessions;
        this.clock = clock;
        this.jobs = jobs;
        this.interval = config.gaugeInterval();
        for (Tier tier : Tier.values()) {
            Tags tags = Tags.of("tier", tier.name());
            Gauge.builder("tierdesk.router.queue.length", this,
                            g -> g.line(tier).map(LoadSnapshot.Line::waiting).orElse(0L))
                    .description("tickets waiting in the tier's queue").tags(tags).register(registry);
            Gauge.builder("tierdesk.router.queue.oldest.wait", this, g -> g.oldestWaitSeconds(tier))
                    .description("how long the longest-waiting ticket of the tier has waited").baseUnit("seconds")
                    .tags(tags).register(registry);
            Gauge.builder("tierdesk.router.tier.utilisation", this,
                            g -> g.line(tier).map(LoadSnapshot.Line::utilisation).orElse(0.0))
                    .description("active tickets / capacity of the tier's online agents").tags(tags).register(registry);
        }
        // Per line, never per agent: /q/metrics is open to the cluster, and who carries what load is for
        // supervisors (GET /api/v1/agents/load).
        tierActive = MultiGauge.builder("tierdesk.router.tier.active")
                .description("active tickets held by the line's agents").register(registry);
    }

    void start(@Observes StartupEvent event) {
        jobs.every(interval, "router gauges", this::refresh);
    }

    private Optional<LoadSnapshot.Line> line(Tier tier) {
        return Optional.ofNullable(last.get().lines().get(tier));
    }

    private double oldestWaitSeconds(Tier tier) {
        Instant oldest = line(tier).map(LoadSnapshot.Line::oldestQueuedAt).orElse(null);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Reads the figures once. */
    public Uni<Void> refresh() {
        return sessions.withSession(LoadSnapshot::read).invoke(this::publish).replaceWithVoid();
    }

    private void publish(LoadSnapshot snapshot) {
        last.set(snapshot);
        Map<Tier, Integer> active = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            active.put(tier, 0);
        }
        for (LoadSnapshot.AgentFigures a : snapshot.agents()) {
            active.merge(a.tier(), a.active(), Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        active.forEach((tier, count) -> rows.add(MultiGauge.Row.of(Tags.of("tier", tier.name()), count)));
        tierActive.register(rows, true);
    }
}
