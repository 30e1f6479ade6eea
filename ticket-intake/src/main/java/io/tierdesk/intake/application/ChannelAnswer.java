package io.tierdesk.intake.application;

import java.util.UUID;

/** The answer to one channel event; a retry of the same event gets exactly this again. */
public record ChannelAnswer(String id, UUID ticketId, String number, String outcome) {
    public static final String CREATED = "created";
    public static final String APPENDED = "appended";
    public static final String REOPENED = "reopened";
    /** The event changed nothing: e.g. a confirmation of a resolution the customer already confirmed. */
    public static final String DUPLICATE = "duplicate";
    public static final String RECORDED = "recorded";
}
