package io.tierdesk.router.application;

import static io.tierdesk.eventing.store.SqlTime.instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicTask;
import io.tierdesk.events.routing.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Queue length and oldest wait per tier, utilisation per agent and per tier. Gauges are read synchronously by the
 * scraper, the database only reactively: a timer reads the figures every {@code tierdesk.router.gauge-interval} and
 * the gauges show the last reading. Every router replica reports the same figures (they share the database), so
 * dashboards take one replica's value (max), not the sum.
 */
@ApplicationScoped
public class RouterGauges {
    /** One tier's queue and online agents at the last reading. */
    record TierFigures(long queued, double oldestWaitSeconds, long active, long capacity) {
        static final TierFigures NONE = new TierFigures(0, 0, 0, 0);

        double utilisation() {
            return capacity == 0 ? 0 : (double) active / capacity;
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final io.vertx.core.Vertx vertx;
    private final Duration interval;
    private final AtomicReference<Map<Tier, TierFigures>> tiers = new AtomicReference<>(Map.of());
    private final MultiGauge agentUtilisation;
    private final MultiGauge agentActive;
    private PeriodicTask task;

    public RouterGauges(Mutiny.SessionFactory sessions, MeterRegistry registry, Clock clock,
            io.vertx.core.Vertx vertx, RouterConfig config) {
        this.sessions = sessions;
        this.clock = clock;
        this.vertx = vertx;
        this.interval = config.gaugeInterval();
        for (Tier tier : Tier.values()) {
            Tags tags = Tags.of("tier", tier.name());
            Gauge.builder("tierdesk.router.queue.length", this, g -> g.figures(tier).queued())
                    .description("tickets waiting in the tier's queue").tags(tags).register(registry);
            Gauge.builder("tierdesk.router.queue.oldest.wait", this, g -> g.figures(tier).oldestWaitSeconds())
                    .description("how long the longest-waiting ticket of the tier has waited").baseUnit("seconds")
                    .tags(tags).register(registry);
            Gauge.builder("tierdesk.router.tier.utilisation", this, g -> g.figures(tier).utilisation())
                    .description("active tickets / capacity of the tier's online agents").tags(tags).register(registry);
        }
        agentUtilisation = MultiGauge.builder("tierdesk.router.agent.utilisation")
                .description("active tickets / capacity per agent").register(registry);
        agentActive = MultiGauge.builder("tierdesk.router.agent.active")
                .description("active tickets per agent").register(registry);
    }

    void start(@Observes StartupEvent event) {
        task = PeriodicTask.start(vertx, interval, "router gauges", this::refresh);
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
    }

    private TierFigures figures(Tier tier) {
        return tiers.get().getOrDefault(tier, TierFigures.NONE);
    }

    /** Reads the figures once. */
    public Uni<Void> refresh() {
        Instant now = clock.instant();
        return sessions.withSession(session -> session.<Object[]>createNativeQuery("SELECT tier, count(*), "
                                + "min(queued_at) FROM routed_ticket WHERE state = 'queued' GROUP BY tier")
                        .getResultList()
                        .chain(queues -> session.<Object[]>createNativeQuery("SELECT a.agent_id, a.tier, a.presence, "
                                        + "CAST(a.profile->>'capacity' AS int), (SELECT count(*) FROM routed_ticket t "
                                        + "WHERE t.assignee = a.agent_id AND t.state = 'assigned') FROM agent a")
                                .getResultList()
                                .invoke(agents -> publish(now, queues, agents))))
                .replaceWithVoid();
    }

    private void publish(Instant now, List<Object[]> queues, List<Object[]> agents) {
        Map<Tier, long[]> load = new EnumMap<>(Tier.class);
        List<MultiGauge.Row<?>> utilisation = new ArrayList<>();
        List<MultiGauge.Row<?>> active = new ArrayList<>();
        for (Object[] a : agents) {
            Tier tier = Tier.valueOf((String) a[1]);
            long capacity = ((Number) a[3]).longValue();
            long count = ((Number) a[4]).longValue();
            Tags tags = Tags.of("agent", (String) a[0], "tier", tier.name());
            utilisation.add(MultiGauge.Row.of(tags, capacity == 0 ? 0 : (double) count / capacity));
            active.add(MultiGauge.Row.of(tags, count));
            if ("online".equals(a[2])) {
                long[] sum = load.computeIfAbsent(tier, t -> new long[2]);
                sum[0] += count;
                sum[1] += capacity;
            }
        }
        Map<Tier, TierFigures> next = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            long[] sum = load.getOrDefault(tier, new long[2]);
            next.put(tier, new TierFigures(0, 0, sum[0], sum[1]));
        }
        for (Object[] q : queues) {
            Tier tier = Tier.valueOf((String) q[0]);
            Instant oldest = instant(q[2]);
            double wait = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
            TierFigures f = next.get(tier);
            next.put(tier, new TierFigures(((Number) q[1]).longValue(), wait, f.active(), f.capacity()));
        }
        tiers.set(next);
        agentUtilisation.register(utilisation, true);
        agentActive.register(active, true);
    }
}
