package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The choice of agent: the least-loaded eligible agent; ties go to the one idle longest, then by id. */
public final class Assignment {
    private static final Comparator<AgentLoad> LEAST_LOADED = Comparator
            .comparingDouble((AgentLoad a) -> (double) a.active() / a.capacity())
            .thenComparingInt(AgentLoad::active)
            .thenComparing(a -> a.idleSince() == null ? Instant.MAX : a.idleSince())
            .thenComparing(AgentLoad::agentId);

    private Assignment() {
    }

    public static Optional<AgentLoad> choose(Tier tier, String skill, Collection<AgentLoad> agents) {
        return agents.stream().filter(a -> a.eligibleFor(tier, skill)).min(LEAST_LOADED);
    }
}
