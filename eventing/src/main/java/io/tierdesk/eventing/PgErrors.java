package io.tierdesk.eventing;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL failures out of the wrappers Hibernate Reactive and Vert.x put around them. */
public final class PgErrors {
    /** SQLSTATE classes and codes that go away by themselves: connection, resources, shutdown, serialization. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    // 25006: read-only transaction - a connection still on a primary that became a standby after a failover.
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "25006");

    private static final String STREAM_VERSION = "event_stream_version";

    private PgErrors() {
    }

    /** Two writers raced for the same stream version; Hibernate may report it without the driver's exception. */
    public static boolean isUniqueViolationOfStreamVersion(Throwable failure) {
        return isUniqueViolation(failure, STREAM_VERSION);
    }

    /** A unique constraint of that name refused a row: another writer got there first. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        PgException pg = find(failure, PgException.class);
        if (pg != null) {
            return "23505".equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
        }
        ConstraintViolationException violation =
                find(failure, ConstraintViolationException.class);
        return violation != null && (constraint.equals(violation.getConstraintName())
                || String.valueOf(violation.getMessage()).contains("\"" + constraint + "\""));
    }

    /**
     * A transaction lost a race and was rolled back - a serialization failure (among them the event table's refusal
     * of an append older than its stream's latest event) or a deadlock: running it again decides anew.
     */
    public static boolean isSerializationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if ("40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        return t instanceof PgException pg ? pg.getSqlState()
                : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /** True for failures a retry can cure: the database or network is away, or a transaction lost a race. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A SocketException (a reset, a broken pipe) is a connection lost mid-request; ConnectException is one.
            if (t instanceof SocketException || t instanceof TimeoutException
                    || t instanceof ClosedConnectionException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
            // Hibernate Reactive may report the server's error as its own JDBCException, keeping only the SQLSTATE.
            String state = sqlState(t);
            if (state != null && state.length() == 5
                    && (TRANSIENT_CODES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof VertxException && (message.contains("onnection") || message.contains("closed"))) {
                return true;
            }
            // The pool closed under a request or an event because the service is stopping: not their fault; an
            // event is left unacknowledged for the partition's next owner, a request is answered 503.
            if ("Pool closed".equals(message)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failed transaction may have committed all the same, so that "nothing was changed" would be a guess:
     * the connection was lost or the server went away while it ran (COMMIT may have gone through, its answer not).
     * An error the server reported for a statement (a lost race, a read-only replica, a full disk) means the
     * transaction was rolled back, and so does a connection that never opened.
     */
    public static boolean mayHaveCommitted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null) {
                return state.startsWith("08") || state.startsWith("57P");
            }
        }
        return find(failure, ConnectException.class) == null
                && find(failure, ConnectTimeoutException.class) == null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
