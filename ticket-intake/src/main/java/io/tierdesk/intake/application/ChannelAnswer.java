package io.tierdesk.intake.application;

import java.util.UUID;

/**
 * The answer to one channel event; a retry of the same event gets exactly this again. {@code reference} only when
 * the event opened the ticket: the customer's proof for later answers, for the opening channel to pass on.
 * {@code unmatchedNumber} when the message named a ticket number that is not one of its customer's tickets, so it
 * opened a new ticket instead: the same whether that number belongs to someone else or to nobody.
 * {@code repeats}: for a monitored failure, how often it has been raised on its ticket.
 */
public record ChannelAnswer(String id, UUID ticketId, String number, String outcome, String reference,
        String unmatchedNumber, Integer repeats) {
    public ChannelAnswer(String id, UUID ticketId, String number, String outcome, String reference,
            String unmatchedNumber) {
        this(id, ticketId, number, outcome, reference, unmatchedNumber, null);
    }

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
    /** A monitored failure raised again while its ticket is open: counted on it ({@code repeats}). */
    public static final String REPEATED = "repeated";
    /** A monitored failure cleared: noted on its ticket, which stays with its agents. */
    public static final String RECOVERED = "recovered";
    /** A monitored failure cleared before any agent touched its ticket: the ticket is resolved. */
    public static final String RESOLVED = "resolved";
    /** A clearing with no open ticket for its alert: nothing to do. */
    public static final String NOTHING_OPEN = "nothing-open";
}
