package io.tierdesk.eventing.store;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.EventJson;
import jakarta.persistence.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.type.BasicTypeReference;
import org.hibernate.type.StandardBasicTypes;

/**
 * Native statements with their rows read by column name: {@code row.text("tier")}, never {@code r[3]}. Parameters are
 * bound by position ({@code ?1}, {@code ?2} …) in the order given; an {@link Instant} is bound as a UTC
 * {@code timestamptz}. A value that may be absent goes through {@link #nullable} (a bare null has no type the
 * driver could send); a value stored as JSON through {@link #json} and back through {@link Row#json}.
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

        /** A JSON text column (select jsonb as {@code CAST(… AS text)}) read as {@code type}; null stays null. */
        public <T> T json(String column, Class<T> type) {
            String json = text(column);
            return json == null ? null : EventJson.read(json.getBytes(StandardCharsets.UTF_8), type);
        }
    }

    private static final Map<Class<?>, BasicTypeReference<?>> NULL_TYPES = Map.of(String.class,
            StandardBasicTypes.STRING, Long.class, StandardBasicTypes.LONG, Integer.class, StandardBasicTypes.INTEGER,
            UUID.class, StandardBasicTypes.UUID, Instant.class, StandardBasicTypes.OFFSET_DATE_TIME, Boolean.class,
            StandardBasicTypes.BOOLEAN);

    /**
     * A parameter that may be absent: the value, or a null of {@code type} the driver can send (text, bigint,
     * integer, uuid, timestamptz, boolean).
     */
    public static <T> Object nullable(T value, Class<T> type) {
        if (value != null) {
            return value;
        }
        BasicTypeReference<?> sqlType = NULL_TYPES.get(type);
        if (sqlType == null) {
            throw new IllegalArgumentException("no SQL type for a null " + type.getName());
        }
        return new TypedParameterValue<>(sqlType, null);
    }

    /**
     * A value as JSON text, for a parameter the statement casts {@code CAST(CAST(?n AS text) AS jsonb)}: a text bound
     * straight to jsonb is sent as a JSON string.
     */
    public static String json(Object value) {
        return new String(EventJson.write(value), StandardCharsets.UTF_8);
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
