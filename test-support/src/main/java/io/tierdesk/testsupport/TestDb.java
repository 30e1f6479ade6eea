package io.tierdesk.testsupport;

import org.awaitility.Awaitility;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Probes of a test database with bound parameters: what a test reads to check what a service wrote. */
public final class TestDb {
    private TestDb() {
    }

    /** The first column of the first row as text, or null without a row. */
    public static String text(String database, String sql, Object... parameters) throws SQLException {
        List<String> values = column(database, sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    /** A count or other number: the first column of the first row. */
    /**
     * Waits until a session of the database waits for a lock another holds: the interleaving a race test orders,
     * observed rather than slept for.
     */
    public static void awaitWaitingOnLock(String database) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> number(database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                >= 1);
    }

    public static long number(String database, String sql, Object... parameters) throws SQLException {
        String value = text(database, sql, parameters);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * How many transactions recorded these events for the consumer: rows one transaction wrote share its id
     * ({@code xmin}), so a consumer that takes a poll per transaction shows fewer than it has events.
     */
    public static long transactions(String database, String consumer, List<?> eventIds) throws SQLException {
        return receipts(database, "count(DISTINCT xmin::text)", consumer, eventIds);
    }

    /** How many of these events the consumer has applied. */
    public static long applied(String database, String consumer, List<?> eventIds) throws SQLException {
        return receipts(database, "count(*)", consumer, eventIds);
    }

    private static long receipts(String database, String aggregate, String consumer, List<?> eventIds)
            throws SQLException {
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement query = c.prepareStatement(
                "SELECT " + aggregate + " FROM processed_event WHERE consumer = ? AND event_id = ANY (?)")) {
            query.setString(1, consumer);
            query.setArray(2, c.createArrayOf("text", eventIds.stream().map(Object::toString).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row, as text. */
    public static List<String> column(String database, String sql, Object... parameters) throws SQLException {
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
