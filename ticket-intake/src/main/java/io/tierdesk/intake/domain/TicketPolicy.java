package io.tierdesk.intake.domain;

import java.time.Duration;

/**
 * The rules a support organisation configures.
 *
 * @param reopenWindow      a message on a closed ticket within this long reopens it; later, it opens a new one
 * @param autoClosePeriod   a resolved ticket the customer does not answer closes after this long
 * @param anyoneMayReply    when false, only the owner and the current assignee answer the customer
 */
public record TicketPolicy(Duration reopenWindow, Duration autoClosePeriod, boolean anyoneMayReply) {
    public static final TicketPolicy DEFAULT = new TicketPolicy(Duration.ofDays(7), Duration.ofHours(72), false);
}
