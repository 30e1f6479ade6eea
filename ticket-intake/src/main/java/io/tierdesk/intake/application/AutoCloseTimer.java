package io.tierdesk.intake.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PeriodicJobs;
import io.tierdesk.intake.domain.TicketCommand;
import io.tierdesk.intake.domain.TicketDecider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Closes resolved tickets the customer left unanswered. The due times live in {@code auto_close_timer}, written in
 * the same transaction as TicketResolved, so the timer survives restarts; each ticket is closed in its own
 * transaction under {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and a ticket closes once.
 */
@ApplicationScoped
public class AutoCloseTimer {
    private static final Logger LOG = Logger.getLogger(AutoCloseTimer.class);
    private static final int BATCH = 100;

    private final Mutiny.SessionFactory sessions;
    private final TicketCommands tickets;
    private final IntakeConfig config;
    private final PeriodicJobs jobs;
    private final MeterRegistry metrics;

    public AutoCloseTimer(Mutiny.SessionFactory sessions, TicketCommands tickets, IntakeConfig config,
            PeriodicJobs jobs, MeterRegistry metrics) {
        this.sessions = sessions;
        this.tickets = tickets;
        this.config = config;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        jobs.every(config.timerInterval(), "auto-close timer", () -> runOnce().invoke(closed -> {
            if (closed > 0) {
                LOG.infof("auto-closed %d tickets", closed);
            }
        }));
    }

    /** Closes what is due now; answers how many tickets it closed. */
    public Uni<Integer> runOnce() {
        return sessions.withSession(session -> session.<UUID>createNativeQuery("SELECT ticket_id FROM auto_close_timer "
                        + "WHERE due_at <= ?1 ORDER BY due_at LIMIT " + BATCH)
                        .setParameter(1, tickets.now().atOffset(ZoneOffset.UTC)).getResultList())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::closeIfStillDue)
                        .collect().asList()
                        .map(AutoCloseTimer::count));
    }

    private Uni<Boolean> closeIfStillDue(UUID ticketId) {
        return sessions.withTransaction(session -> session.<UUID>createNativeQuery("SELECT ticket_id FROM "
                                + "auto_close_timer WHERE ticket_id = ?1 AND due_at <= ?2 FOR UPDATE SKIP LOCKED")
                        .setParameter(1, ticketId).setParameter(2, tickets.now().atOffset(ZoneOffset.UTC))
                        .getResultList()
                        .chain(locked -> locked.isEmpty() ? Uni.createFrom().item(false)
                                : tickets.execute(session, ticketId, null, TicketDecider.SYSTEM,
                                                TicketCommand.AutoClose::new)
                                        .call(result -> session.createNativeMutationQuery("DELETE FROM "
                                                        + "auto_close_timer WHERE ticket_id = ?1")
                                                .setParameter(1, ticketId).executeUpdate())
                                        .map(result -> !result.events().isEmpty())))
                .invoke(closed -> {
                    if (closed) {
                        metrics.counter("tierdesk.intake.auto_closed").increment();
                    }
                });
    }

    private static int count(List<Boolean> closed) {
        return (int) closed.stream().filter(Boolean::booleanValue).count();
    }
}
