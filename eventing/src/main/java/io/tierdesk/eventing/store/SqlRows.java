package io.tierdesk.eventing.store;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import java.util.function.BiFunction;

/**
 * Native statements with their rows read by column name: {@code row.text("tier")}, never {@code r[3]}. Parameters are
 * bound by position ({@code ?1}, {@code ?2} …) in the order given; an {@link Instant} is bound as a UTC
 * {@code timestamptz}.
 */
public final class SqlRows {
    private SqlRows() {
    }

    /** One row of a result, by column name (its alias in the statement). */
    public record Row(Tuple tuple) {
        public String text(String column) {
            return (String) tuple.get(column);
        }

        public UUID uuid(String column) {
            return (UUID) tuple.get(column);
        }

        public Instant instant(String column) {
            return SqlTime.instant(tuple.get(column));
        }

        public long number(String column) {
            return ((Number) tuple.get(column)).longValue();
        }

        public Long numberOrNull(String column) {
            Object value = tuple.get(column);
            return value == null ? null : ((Number) value).longValue();
        }

        public boolean bool(String column) {
            return Boolean.TRUE.equals(tuple.get(column));
        }
    }

    public static Uni<List<Row>> select(Mutiny.Session session, String sql, Object... parameters) {
        Mutiny.SelectionQuery<Tuple> query = session.createNativeQuery(sql, Tuple.class);
        bind(parameters, query::setParameter);
        return query.getResultList().map(rows -> rows.stream().map(Row::new).toList());
    }

    /** The first row, or null when there is none. */
    public static Uni<Row> first(Mutiny.Session session, String sql, Object... parameters) {
        return select(session, sql, parameters).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public static Uni<Integer> execute(Mutiny.Session session, String sql, Object... parameters) {
        Mutiny.MutationQuery statement = session.createNativeMutationQuery(sql);
        bind(parameters, statement::setParameter);
        return statement.executeUpdate();
    }

    private static void bind(Object[] parameters, BiFunction<Integer, Object, ?> setter) {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant instant ? SqlTime.utc(instant) : parameters[i];
            setter.apply(i + 1, value);
        }
    }
}
