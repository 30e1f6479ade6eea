package io.tierdesk.sla.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What the quality report knows of one ticket, as the ticket and routing streams told it.
 *
 * @param tier           the line the ticket is on (L1 until routing says otherwise)
 * @param agent          who resolved it; until then, whom routing last assigned it to
 * @param calendar       the calendar of its plan's policy: business times are counted on it
 * @param firstResponseAt the first public agent message (a reply or a question to the customer)
 * @param publicMessages agent messages the customer saw
 * @param resolvedAt     its latest resolution, null when it is not resolved (a reopening clears it)
 * @param resolvedTier   the line it was on when resolved
 * @param closedAt       null while it is not closed
 * @param rating         satisfaction 1–5, null when not rated
 */
public record QualityTicket(UUID ticketId, String plan, String channel, String tier, String agent, String calendar,
        Instant openedAt, boolean repeat, Instant firstResponseAt, int publicMessages, Instant resolvedAt,
        String resolvedTier, int reopens, Instant closedAt, Integer rating, Instant ratedAt) {

    /** Open: neither resolved nor closed. Tickets known only from routing (no opening yet) are not counted. */
    public boolean open() {
        return openedAt != null && resolvedAt == null && closedAt == null;
    }

    /** Resolved with at most one public agent message and never reopened. */
    public boolean oneTouch() {
        return publicMessages <= 1 && reopens == 0;
    }
}
