package io.tierdesk.events.channel;

import io.tierdesk.events.Require;

/**
 * The data of {@code tierdesk.channel.resolution.confirmed}, {@code .resolution.rejected} and
 * {@code .satisfaction.submitted}: the customer's answer about a ticket, named by its number and proven by the
 * reference the customer received when the ticket opened. {@code rating} (1–5) only for satisfaction.
 */
public record CustomerAnswer(String ticket, String reference, String comment, Integer rating) {
    public CustomerAnswer {
        Require.text(ticket, "ticket");
        Require.text(reference, "reference");
    }
}
