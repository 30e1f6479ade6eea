package io.tierdesk.sla.application;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.SupportPlan;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only with a policy for every support plan, each naming a calendar that exists: without them an opening
 * could start no clock. A fresh database gets them from the first migration, so this fails only when they were
 * removed by hand or a restore left them out.
 */
@Readiness
@ApplicationScoped
public class SettingsReadiness implements AsyncHealthCheck {

    private final Pool pool;

    public SettingsReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("""
                        SELECT count(DISTINCT p.plan) AS plans,
                            count(DISTINCT p.plan) FILTER (WHERE p.body ->> 'calendar' <> '24x7' AND NOT EXISTS (
                                SELECT 1 FROM calendar c WHERE c.id = p.body ->> 'calendar')) AS without_calendar
                        FROM policy p""").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long plans = row.getLong("plans");
                    long withoutCalendar = row.getLong("without_calendar");
                    return HealthCheckResponse.named("sla-settings")
                            .status(plans == SupportPlan.values().length && withoutCalendar == 0)
                            .withData("plans with a policy", plans)
                            .withData("policies naming a missing calendar", withoutCalendar).build();
                });
    }
}
