package io.tierdesk.intake.application;

import java.util.UUID;

/**
 * The answer to one channel event; a retry of the same event gets exactly this again. {@code reference} only when
 * the event opened the ticket: the customer's proof for later answers, for the opening channel to pass on.
 * {@code unmatchedNumber} when the message named a ticket number that is not one of its customer's tickets, so it
 * opened a new ticket instead: the same whether that number belongs to someone else or to nobody.
 */
public record ChannelAnswer(String id, UUID ticketId, String number, String outcome, String reference,
        String unmatchedNumber) {
    public ChannelAnswer(String id, UUID ticketId, String number, String outcome) {
        this(id, ticketId, number, outcome, null, null);
    }

    public ChannelAnswer(String id, UUID ticketId, String number, String outcome, String reference) {
        this(id, ticketId, number, outcome, reference, null);
    }

    public static final String CREATED = "created";
    public static final String APPENDED = "appended";
    public static final String REOPENED = "reopened";
    /** The event changed nothing: e.g. a confirmation of a resolution the customer already confirmed. */
    public static final String DUPLICATE = "duplicate";
    public static final String RECORDED = "recorded";
}
