package io.tierdesk.intake.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.intake.domain.TicketPolicy;
import java.time.Duration;
import java.util.Set;

/** ticket-intake's own settings; see docs/ticket-intake.md. */
@ConfigMapping(prefix = "tierdesk.intake")
public interface IntakeConfig {
    /** A customer message on a closed ticket within this long reopens it; later it opens a repeat-contact ticket. */
    @WithDefault("7d")
    Duration reopenWindow();

    /** A resolved ticket the customer does not answer closes after this long. */
    @WithDefault("72h")
    Duration autoClosePeriod();

    /** Whether any agent, not only the owner, the assignee and supervisors, may reply, ask, diagnose, resolve, close. */
    @WithDefault("false")
    boolean anyoneMayWork();

    /** The plan of a customer intake has not seen before, or whose plan has expired. */
    @WithDefault("warranty")
    String defaultPlan();

    @WithDefault("en,ru")
    Set<String> languages();

    /** How often the auto-close timer looks for due tickets. */
    @WithDefault("30s")
    Duration timerInterval();

    /** The plans that include monitoring: an alert for a customer on another plan is refused (422 naming plan). */
    @WithName("monitoring.plans")
    @WithDefault("premium")
    Set<String> monitoringPlans();

    /** Whether an alert's clearing resolves its ticket when no agent has touched it yet. */
    @WithName("monitoring.resolve-on-clear")
    @WithDefault("true")
    boolean resolveOnClear();

    default TicketPolicy policy() {
        return new TicketPolicy(reopenWindow(), autoClosePeriod(), anyoneMayWork());
    }

    default SupportPlan defaultSupportPlan() {
        return SupportPlan.fromWire(defaultPlan());
    }
}
