package io.tierdesk.sla.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to a ticket and is counted when it happened: a reopening, an escalation from one line to
 * another, an SLA clock met or breached.
 *
 * @param detail for an escalation "L1>L2", for an SLA outcome the clock
 */
public record QualityFact(UUID ticketId, Kind kind, Instant at, String detail) {
    public enum Kind {
        REOPENED, ESCALATED, SLA_MET, SLA_BREACHED
    }
}
