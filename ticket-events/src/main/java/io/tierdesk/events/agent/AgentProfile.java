package io.tierdesk.events.agent;

import io.tierdesk.events.Require;
import io.tierdesk.events.routing.Tier;
import java.util.List;

/** Who an agent is for routing: line, skills (product sectors), capacity of active tickets, supervisor, languages. */
public record AgentProfile(String name, String email, Tier tier, List<String> skills, int capacity, String supervisor,
        List<String> languages) {
    public AgentProfile {
        Require.present(tier, "tier");
        Require.between(capacity, 1, 1000, "capacity");
        skills = Require.list(skills);
        languages = Require.list(languages);
    }
}
