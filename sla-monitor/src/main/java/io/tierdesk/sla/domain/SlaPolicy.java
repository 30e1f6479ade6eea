package io.tierdesk.sla.domain;

import io.tierdesk.events.routing.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

/**
 * What a support plan promises: per priority, the target of each clock in working time of the policy's calendar
 * (a clock without a target is not kept), and the fractions of a target at which a warning goes out. A clock keeps
 * the version of the policy it started under.
 */
public record SlaPolicy(String plan, long version, String calendar, Priority defaultPriority, List<Double> warnings,
        Map<Priority, Targets> targets) {
    /** @param firstResponse null: no such clock; likewise the others */
    public record Targets(Duration firstResponse, Duration nextReply, Duration resolution, Duration onSite) {
        public Targets(Duration firstResponse, Duration nextReply, Duration resolution) {
            this(firstResponse, nextReply, resolution, null);
        }

        public Duration of(ClockKind kind) {
            return switch (kind) {
                case FIRST_RESPONSE -> firstResponse;
                case NEXT_REPLY -> nextReply;
                case RESOLUTION -> resolution;
                case ON_SITE -> onSite;
                case VENDOR_RESPONSE, VENDOR_RESOLUTION -> null;
            };
        }
    }

    public SlaPolicy {
        warnings = warnings.stream().sorted().distinct().toList();
        targets = Collections.unmodifiableMap(new EnumMap<>(targets));
    }

    /** The target of a clock at a priority, or null when the plan keeps no such clock. */
    public Duration target(Priority priority, ClockKind kind) {
        Targets t = targets.get(priority);
        return t == null ? null : t.of(kind);
    }
}
