package io.tierdesk.eventing.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.EventType;
import io.tierdesk.eventing.PgErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The service's event table. Appends run in the caller's transaction (the session it passes), so events and the
 * state derived from them commit together; nothing goes to Kafka here — the relay publishes after commit.
 */
@ApplicationScoped
public class EventStore {
    private final MeterRegistry registry;

    public EventStore(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Appends events to a stream at the next versions and answers the stream's new version.
     *
     * @param expectedVersion the version the caller decided on, {@link ExpectedVersion#NO_STREAM} for a new stream,
     *                        {@link ExpectedVersion#ANY} to skip the check
     * @throws ConcurrencyConflictException (as the Uni's failure) when the stream is elsewhere
     */
    public Uni<Long> append(Mutiny.Session session, String streamType, String streamId, long expectedVersion,
            List<?> events, EventMetadata metadata, Instant occurredAt) {
        if (events.isEmpty()) {
            return currentVersion(session, streamId);
        }
        Uni<Long> base = expectedVersion == ExpectedVersion.ANY ? currentVersion(session, streamId)
                : Uni.createFrom().item(expectedVersion);
        return base.chain(current -> insert(session, streamType, streamId, current,
                        expectedVersion != ExpectedVersion.ANY, events, metadata, occurredAt)
                .chain(inserted -> inserted == events.size() ? Uni.createFrom().item(current + events.size())
                        : currentVersion(session, streamId).onItem().failWith(actual ->
                                new ConcurrencyConflictException(streamId, expectedVersion, actual))))
                .invoke(() -> registry.counter("tierdesk.events.appended", "stream", streamType)
                        .increment(events.size()))
                .onFailure(PgErrors::isUniqueViolationOfStreamVersion).transform(
                        e -> new ConcurrencyConflictException(streamId, expectedVersion, -1));
    }

    public Uni<Long> currentVersion(Mutiny.Session session, String streamId) {
        return session.<Number>createNativeQuery("SELECT COALESCE(MAX(version), 0) FROM event WHERE stream_id = ?1")
                .setParameter(1, streamId)
                .getSingleResult()
                .map(Number::longValue);
    }

    /**
     * One statement however many events a command produced, the version check included: the rows are inserted only
     * while the stream is still at {@code current}, so the happy path is one round trip. A writer that commits in
     * between still loses on {@code UNIQUE(stream_id, version)}.
     */
    private Uni<Integer> insert(Mutiny.Session session, String streamType, String streamId, long current,
            boolean checkVersion, List<?> events, EventMetadata metadata, Instant occurredAt) {
        StringBuilder sql = new StringBuilder("INSERT INTO event (event_id, stream_id, stream_type, version, type, "
                + "topic, payload, actor, correlation_id, causation_id, occurred_at) SELECT * FROM (VALUES ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            EventType<?> type = EventCatalog.of(event.getClass());
            int p = params.size();
            // Typed casts: inside VALUES the parameters are not typed by the target columns. The payload goes
            // through text because the reactive client would otherwise bind a String to jsonb as a JSON string.
            sql.append(i == 0 ? "" : ", ").append("(CAST(?").append(p + 1).append(" AS uuid), CAST(?")
                    .append(p + 2).append(" AS text), CAST(?").append(p + 3).append(" AS text), CAST(?")
                    .append(p + 4).append(" AS bigint), CAST(?").append(p + 5).append(" AS text), CAST(?")
                    .append(p + 6).append(" AS text), CAST(CAST(?").append(p + 7).append(" AS text) AS jsonb), CAST(?")
                    .append(p + 8).append(" AS text), CAST(?").append(p + 9).append(" AS text), CAST(?")
                    .append(p + 10).append(" AS text), CAST(?").append(p + 11).append(" AS timestamptz))");
            params.add(UUID.randomUUID());
            params.add(streamId);
            params.add(streamType);
            params.add(current + i + 1);
            params.add(type.ceType());
            params.add(type.topic());
            params.add(new String(EventJson.write(event), java.nio.charset.StandardCharsets.UTF_8));
            params.add(metadata.actor());
            params.add(metadata.correlationId());
            params.add(metadata.causationId());
            params.add(occurredAt.atOffset(java.time.ZoneOffset.UTC));
        }
        sql.append(") AS appended");
        if (checkVersion) {
            params.add(streamId);
            params.add(current);
            sql.append(" WHERE (SELECT COALESCE(MAX(version), 0) FROM event WHERE stream_id = CAST(?")
                    .append(params.size() - 1).append(" AS text)) = CAST(?").append(params.size()).append(" AS bigint)");
        }
        Mutiny.MutationQuery query = session.createNativeMutationQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.executeUpdate();
    }

    /** Every event of a stream in version order, decoded. */
    public Uni<List<StoredEvent<Object>>> load(Mutiny.Session session, String streamId) {
        return session.<Object[]>createNativeQuery("SELECT id, event_id, version, type, CAST(payload AS text), actor, "
                        + "correlation_id, causation_id, occurred_at FROM event WHERE stream_id = ?1 ORDER BY version")
                .setParameter(1, streamId)
                .getResultList()
                .map(rows -> rows.stream().map(row -> toStored(streamId, row)).toList());
    }

    private static StoredEvent<Object> toStored(String streamId, Object[] row) {
        String type = (String) row[3];
        Class<?> javaType = EventCatalog.byCeType(type)
                .orElseThrow(() -> new IllegalStateException("event table holds unknown type " + type)).javaType();
        Object payload = EventJson.read(((String) row[4]).getBytes(java.nio.charset.StandardCharsets.UTF_8), javaType);
        return new StoredEvent<>(((Number) row[0]).longValue(), (UUID) row[1], streamId, ((Number) row[2]).longValue(),
                type, payload, (String) row[5], (String) row[6], (String) row[7], SqlTime.instant(row[8]));
    }

}
