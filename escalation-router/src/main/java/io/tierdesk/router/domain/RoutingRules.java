package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.SupportPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a ticket starts: the first rule whose conditions all match decides skill, starting tier and impact.
 * A condition left empty matches anything. Without a matching rule: L1, the category as skill, medium impact.
 */
public record RoutingRules(long version, List<Rule> rules) {
    public record Rule(String name, String category, SupportPlan plan, String skill, Tier startTier, Impact impact) {
    }

    /** What triage takes from the rules for one ticket. */
    public record Route(String skill, Tier tier, Impact impact, String rule) {
    }

    public static final RoutingRules NONE = new RoutingRules(0, List.of());
    static final int MAX_RULES = 500;
    static final int MAX_TEXT = 100;

    public RoutingRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public Route route(String category, SupportPlan plan) {
        for (Rule rule : rules) {
            boolean categoryMatches = rule.category() == null || rule.category().equalsIgnoreCase(nullToEmpty(category));
            boolean planMatches = rule.plan() == null || rule.plan() == plan;
            if (categoryMatches && planMatches) {
                return new Route(rule.skill() != null ? rule.skill() : category,
                        rule.startTier() != null ? rule.startTier() : Tier.L1,
                        rule.impact() != null ? rule.impact() : Impact.MEDIUM, rule.name());
            }
        }
        return new Route(category, Tier.L1, Impact.MEDIUM, null);
    }

    /**
     * Everything wrong with a rule set, each as "field: message"; empty when it may replace the current one.
     * Rules start at L1–L3: L4 is the vendor, reached only by escalation.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (rules.size() > MAX_RULES) {
            problems.add("rules: at most " + MAX_RULES + " rules, was " + rules.size());
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (rule == null) {
                problems.add(at + ": must not be null");
                continue;
            }
            if (rule.name() == null || rule.name().isBlank()) {
                problems.add(at + ".name: is required");
            } else if (!names.add(rule.name())) {
                problems.add(at + ".name: '" + rule.name() + "' is used twice");
            }
            if (rule.category() == null && rule.plan() == null && i < rules.size() - 1) {
                problems.add(at + ": matches everything, so the rules after it can never apply");
            }
            if (rule.startTier() == Tier.L4) {
                problems.add(at + ".startTier: L4 is reached by escalation only");
            }
            if (rule.skill() != null && rule.skill().isBlank()) {
                problems.add(at + ".skill: must not be blank");
            }
            for (String[] text : new String[][] {{"name", rule.name()}, {"category", rule.category()},
                    {"skill", rule.skill()}}) {
                if (text[1] != null && text[1].length() > MAX_TEXT) {
                    problems.add(at + "." + text[0] + ": at most " + MAX_TEXT + " characters");
                }
            }
        }
        return problems;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
