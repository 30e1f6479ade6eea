package io.tierdesk.intake.application;

import static io.tierdesk.eventing.domain.Limits.max;

import io.tierdesk.events.channel.ChannelEvents;
import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.channel.MonitoringAlert;
import io.tierdesk.events.channel.CustomerAnswer;
import io.tierdesk.events.ticket.Attachment;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.ticket.Diagnostics;

/** Limits on what channels send; each rejection names the field (HTTP 400) and changes nothing. */
public final class IntakeValidation {
    public static final int MAX_SUBJECT = 500;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_NAME = 200;
    public static final int MAX_REFERENCE = 500;
    public static final int MAX_ATTACHMENTS = 50;

    private IntakeValidation() {
    }

    public static void check(ChannelMessage message, IntakeConfig config) {
        max("subject", message.subject(), MAX_SUBJECT);
        max("body", message.body(), MAX_BODY);
        if (message.body().isBlank()) {
            throw Rejection.invalid("body", "must not be blank");
        }
        max("threadRef", message.threadRef(), MAX_REFERENCE);
        max("customer.externalId", message.customer().externalId(), MAX_REFERENCE);
        max("customer.name", message.customer().name(), MAX_NAME);
        max("customer.email", message.customer().email(), MAX_NAME);
        max("customer.phone", message.customer().phone(), 50);
        String language = message.customer().language();
        if (language != null && !config.languages().contains(language)) {
            throw Rejection.invalid("customer.language", "must be one of " + config.languages().stream()
                    .sorted().toList() + ", was '" + language + "'");
        }
        if (message.attachments().size() > MAX_ATTACHMENTS) {
            throw Rejection.invalid("attachments", "at most " + MAX_ATTACHMENTS + " per message");
        }
        for (int i = 0; i < message.attachments().size(); i++) {
            Attachment attachment = message.attachments().get(i);
            max("attachments[" + i + "].name", attachment.name(), MAX_NAME);
            max("attachments[" + i + "].url", attachment.url(), 2_000);
        }
        check(message.diagnostics());
    }

    /** The diagnostics L1 gathers, from a channel or an agent. */
    public static void check(Diagnostics d) {
        max("diagnostics.location", d.location(), MAX_NAME);
        max("diagnostics.product", d.product(), MAX_NAME);
        max("diagnostics.equipment", d.equipment(), MAX_NAME);
        max("diagnostics.symptoms", d.symptoms(), 10_000);
        max("diagnostics.precedingActions", d.precedingActions(), 10_000);
    }

    public static void check(MonitoringAlert alert) {
        max("customer.externalId", alert.customer().externalId(), MAX_REFERENCE);
        max("alertKey", alert.alertKey(), MAX_NAME);
        max("object", alert.object(), MAX_NAME);
        max("summary", alert.summary(), MAX_SUBJECT);
        max("details", alert.details(), 10_000);
    }

    public static void check(String type, CustomerAnswer answer) {
        max("reference", answer.reference(), 100);
        max("comment", answer.comment(), 10_000);
        if (ChannelEvents.SATISFACTION_SUBMITTED.equals(type)
                && (answer.rating() == null || answer.rating() < 1 || answer.rating() > 5)) {
            throw Rejection.invalid("rating", "must be 1 to 5");
        }
    }
}
