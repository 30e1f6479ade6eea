package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {
    @Test
    void aRefusedConnectionDeepInsideWrappersIsTransient() {
        Throwable wrapped = new RuntimeException("HR000", new IllegalStateException(new ConnectException("refused")));
        assertThat(PgErrors.isTransient(wrapped)).isTrue();
    }

    @Test
    void serializationFailuresAndShutdownAreTransient() {
        assertThat(PgErrors.isTransient(new PgException("could not serialize", "ERROR", "40001", null))).isTrue();
        assertThat(PgErrors.isTransient(new PgException("admin shutdown", "FATAL", "57P01", null))).isTrue();
        assertThat(PgErrors.isTransient(new PgException("too many connections", "FATAL", "53300", null))).isTrue();
    }

    /**
     * A service stopping closes its pool while consumers still hold events: "Pool closed" is not the event's fault.
     * Taken as a handler failure it was dead-lettered after five tries and its offset committed, so the projection
     * never got it (seen in ./tierdesk chaos, stopping a second router instance); transient, it is left
     * unacknowledged for the partition's next owner.
     */
    @Test
    void aPoolClosedByAServiceStoppingIsTransient() {
        assertThat(PgErrors.isTransient(new RuntimeException(new io.vertx.core.impl.NoStackTraceThrowable(
                "Pool closed")))).isTrue();
    }

    @Test
    void aDatabaseThatBecameReadOnlyAfterAFailoverIsTransient() {
        // A connection that still reaches the old primary, now a standby, until the pool replaces it.
        assertThat(PgErrors.isTransient(new PgException("cannot execute INSERT in a read-only transaction", "ERROR",
                "25006", null))).isTrue();
    }

    @Test
    void onlyLostRacesAreSerializationFailures() {
        assertThat(PgErrors.isSerializationFailure(new PgException("order", "ERROR", "40001", null))).isTrue();
        assertThat(PgErrors.isSerializationFailure(new PgException("deadlock", "ERROR", "40P01", null))).isTrue();
        assertThat(PgErrors.isSerializationFailure(new PgException("shutdown", "FATAL", "57P01", null))).isFalse();
    }

    @Test
    void bugsAndConstraintViolationsAreNotTransient() {
        assertThat(PgErrors.isTransient(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(PgErrors.isTransient(new PgException("syntax", "ERROR", "42601", null))).isFalse();
        assertThat(PgErrors.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void aSqlStateKeptOnlyByHibernatesOwnExceptionCountsToo() {
        Throwable deadlock = new RuntimeException(new org.hibernate.exception.LockAcquisitionException("deadlock",
                new java.sql.SQLException("deadlock detected", "40P01")));
        assertThat(PgErrors.isTransient(deadlock)).isTrue();
        Throwable bug = new org.hibernate.exception.GenericJDBCException("bug", new java.sql.SQLException("x", "XX000"));
        assertThat(PgErrors.isTransient(bug)).isFalse();
    }

    @Test
    void aConnectionResetMidRequestIsTransientButItsOutcomeUnknown() {
        Throwable reset = new RuntimeException(new java.net.SocketException("Connection reset"));
        assertThat(PgErrors.isTransient(reset)).isTrue();
        assertThat(PgErrors.mayHaveCommitted(reset)).isTrue();
        assertThat(PgErrors.mayHaveCommitted(new PgException("admin shutdown", "FATAL", "57P01", null))).isTrue();
        assertThat(PgErrors.mayHaveCommitted(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)).isTrue();
    }

    @Test
    void whatTheServerRefusedOrANeverOpenedConnectionChangedNothing() {
        assertThat(PgErrors.mayHaveCommitted(new PgException("could not serialize", "ERROR", "40001", null))).isFalse();
        assertThat(PgErrors.mayHaveCommitted(new PgException("read-only", "ERROR", "25006", null))).isFalse();
        assertThat(PgErrors.mayHaveCommitted(new RuntimeException(new ConnectException("refused")))).isFalse();
    }
}
