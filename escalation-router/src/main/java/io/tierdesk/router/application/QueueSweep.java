package io.tierdesk.router.application;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.events.routing.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every {@code tierdesk.router.sweep-interval}, free agents take the waiting tickets they may take. Assignment is
 * event-driven (a ticket arrives, an agent is freed or comes online); the sweep makes sure that a missed wake-up - a
 * ticket queued while a change elsewhere freed room, a skill added - never leaves a ticket waiting forever.
 */
@ApplicationScoped
public class QueueSweep {
    private final Mutiny.SessionFactory sessions;
    private final RoutingRepository tickets;
    private final Router router;
    private final PeriodicJobs jobs;
    private final RouterConfig config;

    public QueueSweep(Mutiny.SessionFactory sessions, RoutingRepository tickets, Router router,
            PeriodicJobs jobs, RouterConfig config) {
        this.sessions = sessions;
        this.tickets = tickets;
        this.router = router;
        this.jobs = jobs;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        jobs.every(config.sweepInterval(), "queue sweep", this::sweep);
    }

    /** One pass over every line, each in its own transaction. */
    public Uni<Void> sweep() {
        return Multi.createFrom().items(Tier.values())
                .onItem().transformToUniAndConcatenate(tier -> sessions.withTransaction(session ->
                        tickets.freeAgentsWithWaitingWork(session, tier).chain(agents -> Multi.createFrom()
                                .iterable(agents)
                                .onItem().transformToUniAndConcatenate(agent -> router.fill(session, agent, tier))
                                .collect().last())))
                .collect().last().replaceWithVoid();
    }
}
