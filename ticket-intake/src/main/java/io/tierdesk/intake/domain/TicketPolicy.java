package io.tierdesk.intake.domain;

import java.time.Duration;

/**
 * The rules a support organisation configures.
 *
 * @param reopenWindow      a message on a closed ticket within this long reopens it; later, it opens a new one
 * @param autoClosePeriod   a resolved ticket the customer does not answer closes after this long
 * @param anyoneMayWork     when false, only the owner, the current assignee and supervisors reply, ask the customer,
 *                          record diagnostics, resolve and close (the rule of the lines)
 */
public record TicketPolicy(Duration reopenWindow, Duration autoClosePeriod, boolean anyoneMayWork) {
    public static final TicketPolicy DEFAULT = new TicketPolicy(Duration.ofDays(7), Duration.ofHours(72), false);
}
