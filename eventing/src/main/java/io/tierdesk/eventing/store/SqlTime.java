package io.tierdesk.eventing.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Timestamp;

/** Timestamps across native queries: what Hibernate Reactive hands back, and what to bind for timestamptz. */
public final class SqlTime {
    private SqlTime() {
    }

    /** A timestamptz column's value as an Instant (null stays null). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** An Instant as a timestamptz parameter (null stays null). */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
