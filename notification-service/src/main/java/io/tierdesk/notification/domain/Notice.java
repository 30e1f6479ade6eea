package io.tierdesk.notification.domain;

/**
 * One notification to write: the template ({@code kind}), for whom, through what.
 *
 * @param recipient the mail address, the webhook's id, the agent's id, or {@code supervisors}
 * @param medium    {@code email}, {@code webhook} or {@code stream}
 */
public record Notice(String kind, String audience, String recipient, String medium, String language) {
}
