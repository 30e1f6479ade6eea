package io.tierdesk.rules;

import io.tierdesk.eventing.domain.Rejection;

/**
 * The rule of the lines: a ticket is worked on by its owner (the L1 agent who registered it and stays the customer's
 * contact) and its current assignee; a supervisor may step in anywhere. Before routing has named anyone, any agent
 * may act, so that L1 can answer a ticket the moment it arrives. Shared, because every service that lets an agent
 * change a ticket applies the same rule and answers a refusal the same way.
 */
public final class WorkRule {
    /** The name a refusal carries, so that a client can tell it from a refusal for the ticket's state. */
    public static final String NAME = "owner-or-assignee";

    private WorkRule() {
    }

    public static boolean allows(String actor, boolean supervisor, String owner, String assignee) {
        return supervisor || (owner == null && assignee == null)
                || (actor != null && (actor.equals(owner) || actor.equals(assignee)));
    }

    /** Refuses (403) an agent who neither owns the ticket nor is assigned to it. */
    public static void require(String actor, boolean supervisor, String owner, String assignee, String action) {
        if (!allows(actor, supervisor, owner, assignee)) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, NAME, "only the owner (" + owner + "), the assignee ("
                    + assignee + ") or a supervisor may " + action, "not-your-ticket", "Not your ticket");
        }
    }
}
