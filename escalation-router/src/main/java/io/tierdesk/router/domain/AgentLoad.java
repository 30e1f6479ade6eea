package io.tierdesk.router.domain;

import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.Set;

/**
 * An agent as assignment sees them: tier, skills, presence, how many active tickets they hold against their
 * capacity, and since when they have had nothing new (for ties).
 */
public record AgentLoad(String agentId, Tier tier, Set<String> skills, Presence presence, int active, int capacity,
        Instant idleSince) {
    public AgentLoad {
        skills = skills == null ? Set.of() : Set.copyOf(skills);
    }

    /** Can take this ticket automatically: online, the ticket's tier, the skill (if any), below capacity. */
    public boolean eligibleFor(Tier ticketTier, String skill) {
        return presence == Presence.ONLINE && tier == ticketTier && active < capacity
                && (skill == null || skill.isBlank() || skills.contains(skill));
    }
}
