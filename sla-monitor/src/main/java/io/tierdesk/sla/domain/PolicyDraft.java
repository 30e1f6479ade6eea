package io.tierdesk.sla.domain;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.routing.Priority;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A policy as people write it (the body of {@code PUT /api/v1/policies/{plan}}): per priority the targets of the
 * clocks as ISO-8601 durations of working time ({@code "PT4H"}; a target left out: no such clock), warning
 * thresholds as fractions of the target.
 */
public record PolicyDraft(String calendar, String defaultPriority, List<Double> warnings,
        Map<String, TargetsDraft> targets) {
    /** @param onSite how soon a booked on-site visit must begin (plans that send engineers) */
    public record TargetsDraft(String firstResponse, String nextReply, String resolution, String onSite) {
        public TargetsDraft(String firstResponse, String nextReply, String resolution) {
            this(firstResponse, nextReply, resolution, null);
        }
    }

    static final int MAX_WARNINGS = 5;
    static final Duration LONGEST = Duration.ofDays(366);

    /** The policy this draft describes, or a 400 naming every field that is wrong. */
    public SlaPolicy toPolicy(String plan, long version, Predicate<String> calendarExists) {
        List<Rejection.Violation> problems = new ArrayList<>();
        if (calendar == null || calendar.isBlank()) {
            problems.add(new Rejection.Violation("calendar", "is required"));
        } else if (!calendarExists.test(calendar)) {
            problems.add(new Rejection.Violation("calendar", "there is no calendar '" + calendar + "'"));
        }
        Priority fallback = Priority.P3;
        if (defaultPriority != null) {
            fallback = priority("defaultPriority", defaultPriority, problems);
        }
        List<Double> thresholds = warnings == null ? List.of() : warnings;
        if (thresholds.size() > MAX_WARNINGS) {
            problems.add(new Rejection.Violation("warnings", "at most " + MAX_WARNINGS + " thresholds"));
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Double f = thresholds.get(i);
            if (f == null || !(f > 0 && f < 1)) {
                problems.add(new Rejection.Violation("warnings[" + i + "]", "must be a fraction above 0 and below 1"));
            }
        }
        Map<Priority, SlaPolicy.Targets> byPriority = new EnumMap<>(Priority.class);
        if (targets == null) {
            problems.add(new Rejection.Violation("targets", "is required: P1 … P4, each with the clocks' targets"));
        } else {
            targets.forEach((key, draft) -> {
                Priority priority = priority("targets." + key, key, problems);
                String at = "targets." + key;
                Duration first = duration(at + ".firstResponse", draft == null ? null : draft.firstResponse(), problems);
                Duration next = duration(at + ".nextReply", draft == null ? null : draft.nextReply(), problems);
                Duration resolution = duration(at + ".resolution", draft == null ? null : draft.resolution(), problems);
                Duration onSite = duration(at + ".onSite", draft == null ? null : draft.onSite(), problems);
                if (priority != null) {
                    byPriority.put(priority, new SlaPolicy.Targets(first, next, resolution, onSite));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, problems, "invalid-policy", "Invalid policy");
        }
        return new SlaPolicy(plan, version, calendar, fallback, thresholds, byPriority);
    }

    private static Priority priority(String field, String value, List<Rejection.Violation> problems) {
        try {
            return Priority.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(new Rejection.Violation(field, "'" + value + "' is not a priority; P1, P2, P3 or P4"));
            return null;
        }
    }

    private static Duration duration(String field, String value, List<Rejection.Violation> problems) {
        if (value == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
                problems.add(new Rejection.Violation(field, "must be above zero and at most " + LONGEST));
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(new Rejection.Violation(field, "'" + value + "' is not an ISO-8601 duration such as PT4H"));
            return null;
        }
    }

    /** The draft that describes a policy: what GET answers and what is stored. */
    public static PolicyDraft of(SlaPolicy policy) {
        Map<String, TargetsDraft> targets = new LinkedHashMap<>();
        policy.targets().forEach((priority, t) -> targets.put(priority.name(), new TargetsDraft(text(t.firstResponse()),
                text(t.nextReply()), text(t.resolution()), text(t.onSite()))));
        return new PolicyDraft(policy.calendar(), policy.defaultPriority().name(), policy.warnings(), targets);
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }
}
