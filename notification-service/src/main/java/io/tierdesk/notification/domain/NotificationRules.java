package io.tierdesk.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * Which event notifies whom, through which medium, with which template. The rules in force are a list; an event
 * may match several (the customer and the agent both hear of a resolution).
 *
 * @param rules in the order an admin wrote them
 */
public record NotificationRules(List<Rule> rules) {
    public static final Set<String> AUDIENCES = Set.of("customer", "agent", "supervisor");
    /**
     * {@code channel}: a customer hears through the adapter of the channel they wrote in (its webhook) when there is
     * one, else by e-mail; {@code email}; {@code webhook}; {@code stream}: an agent's or supervisor's live stream.
     */
    public static final Set<String> MEDIA = Set.of("channel", "email", "webhook", "stream");
    private static final Pattern KIND = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)+");

    /**
     * @param event    the CloudEvents type it applies to, e.g. {@code tierdesk.ticket.opened.v1}
     * @param when     fields the event must have with these values (e.g. {@code toTier: L4}); empty: always
     * @param audience {@code customer}, {@code agent} (the ticket's agent, or the one it was assigned to) or
     *                 {@code supervisor} (the one alerted, else the supervisors' stream)
     * @param kind     the template it is written with, and the {@code type} a webhook receives
     */
    public record Rule(String event, Map<String, String> when, String audience, String medium, String kind,
            boolean enabled) {
        public Rule {
            // Null values are kept for the check to name, not thrown on while the request is read.
            when = when == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(when));
        }
    }

    public NotificationRules {
        rules = List.copyOf(rules);
    }

    /** A fault in rules an admin sent, named by its place ({@code rules[2].audience}). */
    public record Fault(String field, String message) {
    }

    /** The faults of these rules against the events that exist and the templates there are; empty when none. */
    public static List<Fault> check(List<Rule> rules, Set<String> eventTypes, Set<String> kinds) {
        List<Fault> faults = new ArrayList<>();
        if (rules == null) {
            faults.add(new Fault("rules", "a list of rules is required"));
            return faults;
        }
        if (rules.size() > 200) {
            faults.add(new Fault("rules", "at most 200 rules"));
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "]";
            if (r == null) {
                faults.add(new Fault(at, "a rule is required"));
                continue;
            }
            if (r.event() == null || !eventTypes.contains(r.event())) {
                faults.add(new Fault(at + ".event", "one of the event types this service reads: " + eventTypes));
            }
            if (r.audience() == null || !AUDIENCES.contains(r.audience())) {
                faults.add(new Fault(at + ".audience", "one of " + AUDIENCES));
            }
            if (r.medium() == null || !MEDIA.contains(r.medium())) {
                faults.add(new Fault(at + ".medium", "one of " + MEDIA));
            } else if ("customer".equals(r.audience()) == r.medium().equals("stream")) {
                faults.add(new Fault(at + ".medium", "customers hear through channel, email or webhook; agents "
                        + "and supervisors through their stream"));
            }
            if (r.when().entrySet().stream().anyMatch(w -> w.getKey() == null || w.getValue() == null)) {
                faults.add(new Fault(at + ".when", "field names and values, none null"));
            }
            if (r.kind() == null || !KIND.matcher(r.kind()).matches()) {
                faults.add(new Fault(at + ".kind", "dotted lower-case words, e.g. customer.receipt"));
            } else if (!kinds.contains(r.kind())) {
                faults.add(new Fault(at + ".kind", "no template " + r.kind() + " exists"));
            }
        }
        return faults;
    }

    /** What a support team starts with. */
    public static final NotificationRules DEFAULTS = new NotificationRules(List.of(
            // A failure monitoring reported is not the customer's request: no receipt unless a rule for the plan
            // asks for one (when {"channel": "monitoring", "plan": "premium"}).
            new Rule("tierdesk.ticket.opened.v1", Map.of("channel", "!monitoring"), "customer", "channel",
                    "customer.receipt", true),
            customer("tierdesk.ticket.agent-replied.v1", "customer.reply"),
            customer("tierdesk.ticket.awaiting-customer.v1", "customer.question"),
            customer("tierdesk.ticket.resolved.v1", "customer.resolved"),
            customer("tierdesk.ticket.closed.v1", "customer.survey"),
            customer("tierdesk.routing.visit-scheduled.v1", "customer.visit-confirmed"),
            customer("tierdesk.routing.visit-rescheduled.v1", "customer.visit-confirmed"),
            customer("tierdesk.routing.visit-scheduled.v1", "customer.visit-reminder"),
            customer("tierdesk.routing.visit-rescheduled.v1", "customer.visit-reminder"),
            staff("tierdesk.routing.assigned.v1", Map.of(), "agent", "agent.assigned"),
            staff("tierdesk.ticket.customer-message-received.v1", Map.of(), "agent", "agent.customer-wrote"),
            staff("tierdesk.sla.warning-reached.v1", Map.of(), "agent", "agent.sla-warning"),
            staff("tierdesk.sla.breached.v1", Map.of(), "supervisor", "supervisor.sla-breached"),
            staff("tierdesk.routing.supervisor-alerted.v1", Map.of(), "supervisor", "supervisor.alerted"),
            staff("tierdesk.routing.escalated.v1", Map.of("toTier", "L4"), "supervisor", "supervisor.vendor")));

    private static Rule customer(String event, String kind) {
        return new Rule(event, Map.of(), "customer", "channel", kind, true);
    }

    private static Rule staff(String event, Map<String, String> when, String audience, String kind) {
        return new Rule(event, when, audience, "stream", kind, true);
    }
}
