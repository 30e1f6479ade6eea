package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Tier;
import java.util.Optional;

/**
 * The rules of moving between lines: escalation goes up, one line at a time unless a supervisor skips one; a return
 * goes back down to the owner's tier. The L1 owner stays either way.
 */
public final class Escalation {
    private Escalation() {
    }

    public static void checkEscalation(Tier from, Tier to, boolean bySupervisor) {
        if (to.ordinal() <= from.ordinal()) {
            throw new EscalationRejected("escalation goes up: the ticket is at " + from + ", " + to + " is not above it");
        }
        if (to.ordinal() - from.ordinal() > 1 && !bySupervisor) {
            throw new EscalationRejected("only a supervisor may skip a line: " + from + " to " + to);
        }
    }

    /** Where a return lands: the owner's tier (L1 for tickets registered at L1). */
    public static Tier returnTarget(Tier from, Tier ownerTier) {
        if (from.ordinal() <= ownerTier.ordinal()) {
            throw new EscalationRejected("nothing to return: the ticket is already at " + from);
        }
        return ownerTier;
    }

    /** The automatic, functional escalation on an SLA breach: one line up, none beyond the vendor. */
    public static Optional<Tier> onBreach(Tier from) {
        return from == Tier.L4 ? Optional.empty() : Optional.of(Tier.values()[from.ordinal() + 1]);
    }
}
