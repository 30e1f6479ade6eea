package io.tierdesk.events.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * The stream {@code tierdesk.sla} (sla-monitor), keyed by ticket id. Each event concerns one clock of the ticket:
 * {@code first-response}, {@code next-reply} or {@code resolution}. {@code dueAt} is the clock's due time after the event.
 */
public sealed interface SlaEvent permits SlaClockStarted, SlaClockPaused, SlaClockResumed, SlaClockRetimed,
        SlaWarningReached, SlaBreached, SlaMet {
    UUID ticketId();

    String clock();

    /** The clock's due time after this event, when known. */
    Instant dueAt();

    Instant at();

    /** Under what the clock runs; null in events written before terms existed. */
    SlaTerms terms();
}
