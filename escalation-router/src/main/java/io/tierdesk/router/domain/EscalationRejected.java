package io.tierdesk.router.domain;

import io.tierdesk.eventing.domain.Rejection;

/** A move or assignment the lines do not allow in the ticket's state: a conflict naming the target line. */
public class EscalationRejected extends Rejection {
    public EscalationRejected(String message) {
        super(Kind.CONFLICT, "targetTier", message, "invalid-escalation", "Not possible between these lines");
    }
}
