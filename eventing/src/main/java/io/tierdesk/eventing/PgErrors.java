package io.tierdesk.eventing;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Reads PostgreSQL failures out of the wrappers Hibernate Reactive and Vert.x put around them. */
public final class PgErrors {
    /** SQLSTATE classes and codes that go away by themselves: connection, resources, shutdown, serialization. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03");

    private static final String STREAM_VERSION = "event_stream_version";

    private PgErrors() {
    }

    /** Two writers raced for the same stream version; Hibernate may report it without the driver's exception. */
    public static boolean isUniqueViolationOfStreamVersion(Throwable failure) {
        PgException pg = find(failure, PgException.class);
        if (pg != null) {
            return "23505".equals(pg.getSqlState()) && STREAM_VERSION.equals(pg.getConstraint());
        }
        org.hibernate.exception.ConstraintViolationException violation =
                find(failure, org.hibernate.exception.ConstraintViolationException.class);
        return violation != null && (STREAM_VERSION.equals(violation.getConstraintName())
                || String.valueOf(violation.getMessage()).contains("\"" + STREAM_VERSION + "\""));
    }

    /** True for failures a retry can cure: the database or network is away, or a transaction lost a race. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            // Hibernate Reactive may report the server's error as its own JDBCException, keeping only the SQLSTATE.
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null && state.length() == 5
                    && (TRANSIENT_CODES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof io.vertx.core.VertxException && (message.contains("onnection") || message.contains("closed"))) {
                return true;
            }
        }
        return false;
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
