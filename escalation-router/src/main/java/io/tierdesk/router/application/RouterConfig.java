package io.tierdesk.router.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tierdesk.router.domain.BreachPolicy;
import java.time.Duration;
import java.util.Optional;

/** escalation-router's own settings; see docs/escalation-router.md. */
@ConfigMapping(prefix = "tierdesk.router")
public interface RouterConfig {
    Breach breach();

    /** How often queue, wait and utilisation gauges are read from the database. */
    @WithDefault("10s")
    Duration gaugeInterval();

    /** How often free agents are matched with waiting tickets besides the event-driven assignment. */
    @WithDefault("30s")
    Duration sweepInterval();

    /** What an SLA breach sets off. */
    interface Breach {
        /** Move the ticket one line up. */
        @WithDefault("true")
        boolean functional();

        /** Alert a supervisor (SupervisorAlerted, for the notification service). */
        @WithDefault("true")
        boolean hierarchical();

        /** Who is alerted when neither the assignee nor the owner has a supervisor. */
        Optional<String> fallbackSupervisor();

        default BreachPolicy policy() {
            return new BreachPolicy(functional(), hierarchical(), fallbackSupervisor());
        }
    }
}
