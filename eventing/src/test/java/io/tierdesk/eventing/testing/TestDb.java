package io.tierdesk.eventing.testing;

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
    public static long number(String database, String sql, Object... parameters) throws SQLException {
        String value = text(database, sql, parameters);
        return value == null ? 0 : Long.parseLong(value);
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
