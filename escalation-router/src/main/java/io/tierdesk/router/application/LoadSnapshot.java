package io.tierdesk.router.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The lines' queues and their agents' load, read together: what the gauges publish, what supervisors query. Only
 * assigned tickets count as load; a line's utilisation is over its online agents.
 */
public record LoadSnapshot(Map<Tier, Line> lines, List<AgentFigures> agents) {

    public record Line(Tier tier, long waiting, Instant oldestQueuedAt, int onlineAgents, long active, long capacity) {
        public double utilisation() {
            return capacity == 0 ? 0 : (double) active / capacity;
        }
    }

    public record AgentFigures(String agentId, Tier tier, String presence, int active, int capacity) {
        public double utilisation() {
            return capacity == 0 ? 0 : (double) active / capacity;
        }
    }

    public static Uni<LoadSnapshot> read(Mutiny.Session session) {
        return SqlRows.select(session, """
                        SELECT tier, count(*) AS waiting, min(queued_at) AS oldest FROM routed_ticket
                        WHERE state = 'queued' GROUP BY tier""")
                .chain(queues -> SqlRows.select(session, """
                                SELECT a.agent_id, a.tier, a.presence,
                                    (SELECT count(*) FROM routed_ticket t
                                     WHERE t.assignee = a.agent_id AND t.state = 'assigned') AS active,
                                    CAST(a.profile ->> 'capacity' AS int) AS capacity
                                FROM agent a ORDER BY a.tier, a.agent_id""")
                        .map(agents -> of(queues, agents)));
    }

    private static LoadSnapshot of(List<Row> queues, List<Row> agentRows) {
        List<AgentFigures> agents = new ArrayList<>(agentRows.size());
        Map<Tier, long[]> online = new EnumMap<>(Tier.class);
        for (Row r : agentRows) {
            AgentFigures a = new AgentFigures(r.text("agent_id"), Tier.valueOf(r.text("tier")), r.text("presence"),
                    (int) r.number("active"), (int) r.number("capacity"));
            agents.add(a);
            if ("online".equals(a.presence())) {
                long[] sum = online.computeIfAbsent(a.tier(), t -> new long[3]);
                sum[0]++;
                sum[1] += a.active();
                sum[2] += a.capacity();
            }
        }
        Map<Tier, Row> waiting = new EnumMap<>(Tier.class);
        queues.forEach(q -> waiting.put(Tier.valueOf(q.text("tier")), q));
        Map<Tier, Line> lines = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            long[] sum = online.getOrDefault(tier, new long[3]);
            Row q = waiting.get(tier);
            lines.put(tier, new Line(tier, q == null ? 0 : q.number("waiting"), q == null ? null : q.instant("oldest"),
                    (int) sum[0], sum[1], sum[2]));
        }
        return new LoadSnapshot(lines, agents);
    }
}
