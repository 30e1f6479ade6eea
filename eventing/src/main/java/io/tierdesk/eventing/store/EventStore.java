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
        Uni<Long> appended = expectedVersion == ExpectedVersion.ANY
                ? appendAtEnd(session, streamType, streamId, events, metadata, occurredAt)
                : insert(session, streamType, streamId, expectedVersion, events, metadata, occurredAt)
                        .chain(inserted -> inserted == events.size()
                                ? Uni.createFrom().item(expectedVersion + events.size())
                                : currentVersion(session, streamId).onItem().failWith(actual ->
                                        new ConcurrencyConflictException(streamId, expectedVersion, actual)));
        return appended
                .invoke(() -> registry.counter("tierdesk.events.appended", "stream", streamType)
                        .increment(events.size()))
                .onFailure(PgErrors::isUniqueViolationOfStreamVersion).transform(
                        e -> new ConcurrencyConflictException(streamId, expectedVersion, -1));
    }

    /**
     * No expected version: the events go after whatever the stream holds, the end read inside the insert — one round
     * trip. Two such appends to one stream at once still meet at {@code UNIQUE(stream_id, version)}.
     */
    private Uni<Long> appendAtEnd(Mutiny.Session session, String streamType, String streamId, List<?> events,
            EventMetadata metadata, Instant occurredAt) {
        StringBuilder sql = new StringBuilder("INSERT INTO event (event_id, stream_id, stream_type, version, type, "
                + "topic, payload, actor, correlation_id, causation_id, occurred_at) SELECT x.e, x.s, x.st, end_of.v + x.n, "
                + "x.t, x.tp, x.p, x.a, x.c, x.k, x.o FROM (VALUES ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            // The version column carries the position in this append; the end of the stream is added below.
            values(sql, params, i == 0, events.get(i), streamId, streamType, i + 1, metadata, occurredAt);
        }
        params.add(streamId);
        sql.append(") AS x(e, s, st, n, t, tp, p, a, c, k, o) CROSS JOIN (SELECT COALESCE(MAX(version), 0) AS v FROM "
                + "event WHERE stream_id = CAST(?").append(params.size()).append(" AS text)) AS end_of RETURNING version");
        Mutiny.SelectionQuery<Number> query = session.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.getResultList()
                .map(versions -> versions.stream().mapToLong(Number::longValue).max().orElseThrow());
    }

    public Uni<Long> currentVersion(Mutiny.Session session, String streamId) {
        return session.<Number>createNativeQuery("SELECT COALESCE(MAX(version), 0) FROM event WHERE stream_id = ?1")
                .setParameter(1, streamId)
                .getSingleResult()
                .map(Number::longValue);
    }

    /** A stream that does not exist yet, with its first events (versions 1..n). */
    public record NewStream(String streamId, List<?> events, EventMetadata metadata) {
    }

    /**
     * Starts several new streams in one statement: a batch of new aggregates costs one round trip. Fails as a whole
     * with {@link ConcurrencyConflictException} when any of the streams exists already.
     */
    public Uni<Void> startStreams(Mutiny.Session session, String streamType, List<NewStream> streams,
            Instant occurredAt) {
        if (streams.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = new ArrayList<>();
        List<String> streamIds = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<String> correlations = new ArrayList<>();
        List<String> causations = new ArrayList<>();
        for (NewStream stream : streams) {
            for (int i = 0; i < stream.events().size(); i++) {
                Object event = stream.events().get(i);
                EventType<?> type = EventCatalog.of(event.getClass());
                ids.add(UUID.randomUUID());
                streamIds.add(stream.streamId());
                versions.add((long) i + 1);
                types.add(type.ceType());
                topics.add(type.topic());
                payloads.add(new String(EventJson.write(event), java.nio.charset.StandardCharsets.UTF_8));
                actors.add(stream.metadata().actor());
                correlations.add(stream.metadata().correlationId());
                causations.add(stream.metadata().causationId());
            }
        }
        int appended = ids.size();
        // Arrays, one per column: the statement text is the same for any batch size, so it is prepared once.
        return session.createNativeMutationQuery("INSERT INTO event (event_id, stream_id, stream_type, version, type, "
                        + "topic, payload, actor, correlation_id, causation_id, occurred_at) SELECT e, s, ?1, v, t, tp, "
                        + "CAST(p AS jsonb), a, c, k, ?2 FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS text[]), "
                        + "CAST(?5 AS bigint[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS text[]), "
                        + "CAST(?9 AS text[]), CAST(?10 AS text[]), CAST(?11 AS text[])) AS x(e, s, v, t, tp, p, a, c, k)")
                .setParameter(1, streamType).setParameter(2, occurredAt.atOffset(java.time.ZoneOffset.UTC))
                .setParameter(3, ids.toArray(new UUID[0])).setParameter(4, streamIds.toArray(new String[0]))
                .setParameter(5, versions.toArray(new Long[0])).setParameter(6, types.toArray(new String[0]))
                .setParameter(7, topics.toArray(new String[0])).setParameter(8, payloads.toArray(new String[0]))
                .setParameter(9, actors.toArray(new String[0])).setParameter(10, correlations.toArray(new String[0]))
                .setParameter(11, causations.toArray(new String[0]))
                .executeUpdate()
                .invoke(() -> registry.counter("tierdesk.events.appended", "stream", streamType).increment(appended))
                .onFailure(PgErrors::isUniqueViolationOfStreamVersion).transform(
                        e -> new ConcurrencyConflictException(streams.size() == 1 ? streams.get(0).streamId()
                                : streams.size() + " new streams", ExpectedVersion.NO_STREAM, -1))
                .replaceWithVoid();
    }

    /**
     * One statement however many events a command produced, the version check included: the rows are inserted only
     * while the stream is still at {@code current}, so the happy path is one round trip. A writer that commits in
     * between still loses on {@code UNIQUE(stream_id, version)}.
     */
    private Uni<Integer> insert(Mutiny.Session session, String streamType, String streamId, long current,
            List<?> events, EventMetadata metadata, Instant occurredAt) {
        StringBuilder sql = insertHead();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            values(sql, params, i == 0, events.get(i), streamId, streamType, current + i + 1, metadata, occurredAt);
        }
        sql.append(") AS appended");
        params.add(streamId);
        params.add(current);
        sql.append(" WHERE (SELECT COALESCE(MAX(version), 0) FROM event WHERE stream_id = CAST(?")
                .append(params.size() - 1).append(" AS text)) = CAST(?").append(params.size()).append(" AS bigint)");
        return execute(session, sql, params);
    }

    private static StringBuilder insertHead() {
        return new StringBuilder("INSERT INTO event (event_id, stream_id, stream_type, version, type, topic, payload, "
                + "actor, correlation_id, causation_id, occurred_at) SELECT * FROM (VALUES ");
    }

    /** One row of the VALUES list. */
    private static void values(StringBuilder sql, List<Object> params, boolean first, Object event, String streamId,
            String streamType, long version, EventMetadata metadata, Instant occurredAt) {
        EventType<?> type = EventCatalog.of(event.getClass());
        int p = params.size();
        // Typed casts: inside VALUES the parameters are not typed by the target columns. The payload goes through
        // text because the reactive client would otherwise bind a String to jsonb as a JSON string.
        sql.append(first ? "" : ", ").append("(CAST(?").append(p + 1).append(" AS uuid), CAST(?")
                .append(p + 2).append(" AS text), CAST(?").append(p + 3).append(" AS text), CAST(?")
                .append(p + 4).append(" AS bigint), CAST(?").append(p + 5).append(" AS text), CAST(?")
                .append(p + 6).append(" AS text), CAST(CAST(?").append(p + 7).append(" AS text) AS jsonb), CAST(?")
                .append(p + 8).append(" AS text), CAST(?").append(p + 9).append(" AS text), CAST(?")
                .append(p + 10).append(" AS text), CAST(?").append(p + 11).append(" AS timestamptz))");
        params.add(UUID.randomUUID());
        params.add(streamId);
        params.add(streamType);
        params.add(version);
        params.add(type.ceType());
        params.add(type.topic());
        params.add(new String(EventJson.write(event), java.nio.charset.StandardCharsets.UTF_8));
        params.add(metadata.actor());
        params.add(metadata.correlationId());
        params.add(metadata.causationId());
        params.add(occurredAt.atOffset(java.time.ZoneOffset.UTC));
    }

    private static Uni<Integer> execute(Mutiny.Session session, CharSequence sql, List<Object> params) {
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
