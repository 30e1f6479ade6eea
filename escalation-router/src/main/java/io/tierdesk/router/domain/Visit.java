package io.tierdesk.router.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.routing.VisitOutcome;
import io.tierdesk.events.routing.VisitPlace;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A booked visit as the commands see it. */
public record Visit(UUID visitId, UUID ticketId, VisitPlace place, String engineer, Instant from, Instant to,
        String address, State state, VisitOutcome outcome, String note, Instant startedAt, Instant completedAt) {
    public enum State {
        SCHEDULED, STARTED, COMPLETED, CANCELLED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        /** Holds its engineer's time. */
        public boolean booked() {
            return this == SCHEDULED || this == STARTED;
        }
    }

    public boolean overlaps(Instant otherFrom, Instant otherTo) {
        return from.isBefore(otherTo) && otherFrom.isBefore(to);
    }
}
