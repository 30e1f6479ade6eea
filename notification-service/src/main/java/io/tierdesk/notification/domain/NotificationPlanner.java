package io.tierdesk.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what one event means to whom under the rules: plain Java over the event's type and fields, the ticket's
 * card and the webhooks that serve channels.
 */
public final class NotificationPlanner {
    /**
     * An event as the planner reads it.
     *
     * @param fields   the event's top-level fields as text (what a rule's {@code when} compares)
     * @param agentId  the agent the event names as the one to hear (an assignment's agent), else null
     * @param alerted  the supervisor the event names (an alert's), else null
     */
    public record Occurrence(String type, Map<String, String> fields, String agentId, String alerted) {
    }

    private NotificationPlanner() {
    }

    /**
     * @param webhookFor the id of the webhook that serves a channel's customers, if one does
     * @param webhooksForType the ids of the webhooks that asked for an event type as it is
     * @param defaultLanguage the language when neither the customer's nor the ticket's is known
     */
    public static List<Notice> plan(Occurrence occurrence, TicketCard card, NotificationRules rules,
            Function<String, Optional<String>> webhookFor, Function<String, List<String>> webhooksForType,
            String defaultLanguage) {
        List<Notice> notices = new ArrayList<>();
        // Integrations that asked for the event as it is get it whatever the rules say.
        for (String webhook : webhooksForType.apply(occurrence.type())) {
            notices.add(new Notice(occurrence.type(), "integration", webhook, "webhook",
                    card == null || card.language() == null ? defaultLanguage : card.language()));
        }
        for (NotificationRules.Rule rule : rules.rules()) {
            if (!rule.enabled() || !rule.event().equals(occurrence.type()) || !matches(rule, occurrence)) {
                continue;
            }
            String language = card == null || card.language() == null ? defaultLanguage : card.language();
            switch (rule.audience()) {
                case "customer" -> customer(rule, card, webhookFor, language).ifPresent(notices::add);
                case "agent" -> {
                    String agent = occurrence.agentId() != null ? occurrence.agentId()
                            : card == null ? null : card.agentId();
                    if (agent != null) {
                        notices.add(new Notice(rule.kind(), "agent", agent, "stream", language));
                    }
                }
                case "supervisor" -> notices.add(new Notice(rule.kind(), "supervisor",
                        occurrence.alerted() != null ? occurrence.alerted() : "supervisors", "stream", language));
                default -> throw new IllegalStateException("unknown audience " + rule.audience());
            }
        }
        return notices.stream().distinct().toList();
    }

    /** Whether any enabled rule or any integration's webhook names the event type: most events concern no one. */
    public static boolean concerns(String type, NotificationRules rules, List<String> webhooksForType) {
        return !webhooksForType.isEmpty()
                || rules.rules().stream().anyMatch(r -> r.enabled() && r.event().equals(type));
    }

    /** Every condition holds: the field has the value, or, for a value written {@code !value}, has any other. */
    private static boolean matches(NotificationRules.Rule rule, Occurrence occurrence) {
        return rule.when().entrySet().stream().allMatch(w -> {
            String actual = occurrence.fields().get(w.getKey());
            return w.getValue().startsWith("!") ? !w.getValue().substring(1).equals(actual)
                    : w.getValue().equals(actual);
        });
    }

    /** Through the adapter of the customer's channel when it has one, else by e-mail when there is an address. */
    private static Optional<Notice> customer(NotificationRules.Rule rule, TicketCard card,
            Function<String, Optional<String>> webhookFor, String language) {
        // A card written by routing before the opening arrived knows no customer yet.
        if (card == null || card.channel() == null) {
            return Optional.empty();
        }
        Optional<String> webhook = webhookFor.apply(card.channel());
        boolean byWebhook = rule.medium().equals("webhook")
                || rule.medium().equals("channel") && webhook.isPresent();
        if (byWebhook) {
            return webhook.map(id -> new Notice(rule.kind(), "customer", id, "webhook", language));
        }
        if (card.customerEmail() == null || card.customerEmail().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Notice(rule.kind(), "customer", card.customerEmail(), "email", language));
    }
}
