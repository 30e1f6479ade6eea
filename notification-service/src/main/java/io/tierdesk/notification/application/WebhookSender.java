package io.tierdesk.notification.application;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.format.DateTimeParseException;

/**
 * Posts a delivery's payload to its webhook, signed: {@code webhook-id} is the delivery's id (the same on every
 * attempt, so a receiver can drop a repeat), {@code webhook-timestamp} the attempt's time in seconds (a receiver
 * refuses stale ones), {@code webhook-signature} over both and the body.
 */
@ApplicationScoped
public class WebhookSender {
    /** How a webhook answered other than 2xx. */
    public static final class Refused extends RuntimeException {
        public final int status;
        public final Duration retryAfter;

        Refused(int status, Duration retryAfter) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** 410: the receiver is gone for good; the endpoint is disabled. */
        public boolean gone() {
            return status == 410;
        }

        /** Worth another try: 408, 429 and 5xx. */
        public boolean transientFailure() {
            return status == 408 || status == 429 || status >= 500;
        }
    }

    private final Webhooks webhooks;
    private final WebhookTargets targets;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookSender(Webhooks webhooks, WebhookTargets targets, Clock clock,
            @ConfigProperty(name = "tierdesk.notification.delivery.send-timeout") Duration timeout) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Uni<Void> send(String webhookId, String deliveryId, String payload) {
        // One this replica does not know yet may have been saved by another: read them again before calling it gone.
        return webhooks.find(webhookId).map(w -> Uni.createFrom().item(w))
                .orElseGet(() -> webhooks.reload().map(ignored -> webhooks.find(webhookId).orElse(null)))
                .chain(webhook -> webhook == null
                        ? Uni.createFrom().failure(new MailSender.Undeliverable("webhook " + webhookId + " was removed"))
                        : send(webhook, deliveryId, payload));
    }

    private Uni<Void> send(Webhooks.Webhook webhook, String deliveryId, String payload) {
        if (!webhook.enabled()) {
            return Uni.createFrom().failure(new MailSender.Undeliverable("webhook " + webhook.id() + " is disabled"
                    + (webhook.disabledReason() == null ? "" : " (" + webhook.disabledReason() + ")")));
        }
        // Again at every send: the name may resolve elsewhere now than when the webhook was saved.
        return targets.checked(URI.create(webhook.url())).chain(refusal -> refusal.isPresent()
                ? Uni.createFrom().failure(new MailSender.Undeliverable("the webhook's target is not allowed: "
                        + refusal.get().reason()))
                : post(webhook, deliveryId, payload));
    }

    private Uni<Void> post(Webhooks.Webhook webhook, String deliveryId, String payload) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Webhooks.signature(webhook, deliveryId, timestamp, payload, now))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> {
                    if (response.statusCode() / 100 == 2) {
                        return null;
                    }
                    throw new Refused(response.statusCode(), retryAfter(response.headers()
                            .firstValue("Retry-After").orElse(null), now));
                })
                .replaceWithVoid();
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            if (value.strip().matches("\\d+")) {
                // More seconds than a long holds: as far off as can be; the worker clamps it.
                return Duration.ofSeconds(Long.MAX_VALUE);
            }
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
