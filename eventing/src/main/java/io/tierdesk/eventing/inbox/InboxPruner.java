package io.tierdesk.eventing.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Deletes the inbox's {@code processed_event} rows older than {@code tierdesk.eventing.inbox.retention}, a bounded
 * batch at a time, so the table holds a window of deliveries instead of every event ever consumed; and, at the same
 * interval, the command receipts of idempotency keys past theirs ({@link IdempotencyKeys}).
 */
@ApplicationScoped
public class InboxPruner {
    static final int BATCH = 10_000;

    private final Mutiny.SessionFactory sessions;
    private final PeriodicJobs jobs;
    private final EventingConfig config;
    private final MeterRegistry registry;
    private final IdempotencyKeys keys;

    public InboxPruner(Mutiny.SessionFactory sessions, PeriodicJobs jobs, EventingConfig config,
            MeterRegistry registry, IdempotencyKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.jobs = jobs;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        jobs.every(config.inbox().pruneInterval(), "inbox pruning",
                () -> prune().chain(this::pruneReceipts));
    }

    /** Deletes rows past the retention until a batch comes back short. */
    public Uni<Void> prune() {
        Duration retention = config.inbox().retention();
        return sessions.withTransaction(session -> SqlRows.execute(session, """
                        DELETE FROM processed_event WHERE (consumer, event_id) IN (
                            SELECT consumer, event_id FROM processed_event
                            WHERE processed_at < clock_timestamp() - make_interval(secs => ?1) LIMIT ?2)""",
                        (double) retention.toSeconds(), BATCH))
                .invoke(deleted -> registry.counter("tierdesk.inbox.pruned").increment(deleted))
                .chain(deleted -> deleted < BATCH ? Uni.createFrom().voidItem() : prune());
    }

    public Uni<Void> pruneReceipts() {
        return sessions.withTransaction(session -> keys.prune(session, BATCH))
                .chain(deleted -> deleted < BATCH ? Uni.createFrom().voidItem() : pruneReceipts());
    }
}
