package io.tierdesk.eventing.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.EventType;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.domain.Rejection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.eventing.config.EventingConfig;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.function.BiFunction;

/**
 * The service's event table. Appends run in the caller's transaction (the session it passes), so events and the
 * state derived from them commit together; nothing goes to Kafka here — the relay publishes after commit.
 */
@ApplicationScoped
public class EventStore {
    private final MeterRegistry registry;
    private final int maxEventBytes;

    public EventStore(MeterRegistry registry, EventingConfig config) {
        this.registry = registry;
        this.maxEventBytes = config.maxEventBytes();
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
        // The version column carries each event's position in this append; the end of the stream is added to it.
        Rows rows = new Rows(maxEventBytes);
        rows.addStream(streamId, 0, events, metadata);
        Mutiny.SelectionQuery<Number> query = session.createNativeQuery(insertRows("end_of.v + x.v")
                + " CROSS JOIN (SELECT COALESCE(MAX(version), 0) AS v FROM event WHERE stream_id = CAST(?12 AS text)) "
                + "AS end_of RETURNING version");
        rows.bind(query::setParameter, streamType, occurredAt);
        return query.setParameter(12, streamId).getResultList()
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

    /** Events for a stream the caller knows to be at {@code version} (it holds the lock that keeps it there). */
    public record StreamAppend(String streamId, long version, List<?> events, EventMetadata metadata) {
    }

    /**
     * Starts several new streams in one statement: a batch of new aggregates costs one round trip. Fails as a whole
     * with {@link ConcurrencyConflictException} when any of the streams exists already.
     */
    public Uni<Void> startStreams(Mutiny.Session session, String streamType, List<NewStream> streams,
            Instant occurredAt) {
        return appendToStreams(session, streamType, streams.stream().map(s -> new StreamAppend(s.streamId(),
                ExpectedVersion.NO_STREAM, s.events(), s.metadata())).toList(), occurredAt);
    }

    /**
     * Appends to several streams in one statement, each at the version its caller read under a lock that keeps
     * other writers out: a batch of decisions costs one round trip. Fails as a whole with
     * {@link ConcurrencyConflictException} when any stream has moved on ({@code UNIQUE(stream_id, version)}).
     */
    public Uni<Void> appendToStreams(Mutiny.Session session, String streamType, List<StreamAppend> streams,
            Instant occurredAt) {
        Rows rows = new Rows(maxEventBytes);
        streams.forEach(stream -> rows.addStream(stream.streamId(), stream.version(), stream.events(),
                stream.metadata()));
        if (rows.size() == 0) {
            return Uni.createFrom().voidItem();
        }
        Mutiny.MutationQuery query = session.createNativeMutationQuery(insertRows("x.v"));
        rows.bind(query::setParameter, streamType, occurredAt);
        return query.executeUpdate()
                .invoke(() -> registry.counter("tierdesk.events.appended", "stream", streamType).increment(rows.size()))
                .onFailure(PgErrors::isUniqueViolationOfStreamVersion).transform(
                        e -> new ConcurrencyConflictException(streams.size() == 1 ? streams.get(0).streamId()
                                : streams.size() + " streams", streams.size() == 1 ? streams.get(0).version()
                                : ExpectedVersion.NO_STREAM, -1))
                .replaceWithVoid();
    }

    /**
     * One statement however many events a command produced, the version check included: the rows are inserted only
     * while the stream is still at {@code current}, so the happy path is one round trip. A writer that commits in
     * between still loses on {@code UNIQUE(stream_id, version)}.
     */
    private Uni<Integer> insert(Mutiny.Session session, String streamType, String streamId, long current,
            List<?> events, EventMetadata metadata, Instant occurredAt) {
        Rows rows = new Rows(maxEventBytes);
        rows.addStream(streamId, current, events, metadata);
        Mutiny.MutationQuery query = session.createNativeMutationQuery(insertRows("x.v")
                + " WHERE (SELECT COALESCE(MAX(version), 0) FROM event WHERE stream_id = CAST(?12 AS text)) "
                + "= CAST(?13 AS bigint)");
        rows.bind(query::setParameter, streamType, occurredAt);
        return query.setParameter(12, streamId).setParameter(13, current).executeUpdate();
    }

    /**
     * {@code INSERT … SELECT} from one array per column ({@code unnest}): the statement text is the same however many
     * events there are, so it is prepared once. Parameters 1–11 are bound by {@link Rows#bind}; {@code version} is
     * the expression given over {@code x.v}.
     */
    private static String insertRows(String version) {
        return "INSERT INTO event (event_id, stream_id, stream_type, version, type, topic, payload, actor, "
                + "correlation_id, causation_id, occurred_at) SELECT x.e, x.s, CAST(?10 AS text), " + version + ", x.t, "
                + "x.tp, CAST(x.p AS jsonb), x.a, x.c, x.k, CAST(?11 AS timestamptz) FROM unnest(CAST(?1 AS uuid[]), "
                + "CAST(?2 AS text[]), CAST(?3 AS bigint[]), CAST(?4 AS text[]), CAST(?5 AS text[]), CAST(?6 AS text[]), "
                + "CAST(?7 AS text[]), CAST(?8 AS text[]), CAST(?9 AS text[])) AS x(e, s, v, t, tp, p, a, c, k)";
    }

    /** The event rows of one statement, a list per column. */
    private static final class Rows {
        private final int maxEventBytes;
        private final List<UUID> ids = new ArrayList<>();
        private final List<String> streamIds = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> topics = new ArrayList<>();
        private final List<String> payloads = new ArrayList<>();
        private final List<String> actors = new ArrayList<>();
        private final List<String> correlations = new ArrayList<>();
        private final List<String> causations = new ArrayList<>();

        Rows(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
        }

        /** The events of one stream, at versions {@code after + 1} onwards. */
        void addStream(String streamId, long after, List<?> events, EventMetadata metadata) {
            for (int i = 0; i < events.size(); i++) {
                Object event = events.get(i);
                EventType<?> type = EventCatalog.of(event.getClass());
                ids.add(UUID.randomUUID());
                streamIds.add(streamId);
                versions.add(after + i + 1);
                types.add(type.ceType());
                topics.add(type.topic());
                byte[] payload = EventJson.write(event);
                if (payload.length > maxEventBytes) {
                    // The broker would refuse its record; better refused here, where nothing is written yet.
                    throw Rejection.invalid("event", type.eventName() + " would be " + payload.length
                            + " bytes; an event may have at most " + maxEventBytes);
                }
                payloads.add(new String(payload, StandardCharsets.UTF_8));
                actors.add(metadata.actor());
                correlations.add(metadata.correlationId());
                causations.add(metadata.causationId());
            }
        }

        int size() {
            return ids.size();
        }

        void bind(BiFunction<Integer, Object, ?> parameter, String streamType, Instant occurredAt) {
            parameter.apply(1, ids.toArray(new UUID[0]));
            parameter.apply(2, streamIds.toArray(new String[0]));
            parameter.apply(3, versions.toArray(new Long[0]));
            parameter.apply(4, types.toArray(new String[0]));
            parameter.apply(5, topics.toArray(new String[0]));
            parameter.apply(6, payloads.toArray(new String[0]));
            parameter.apply(7, actors.toArray(new String[0]));
            parameter.apply(8, correlations.toArray(new String[0]));
            parameter.apply(9, causations.toArray(new String[0]));
            parameter.apply(10, streamType);
            parameter.apply(11, occurredAt.atOffset(ZoneOffset.UTC));
        }
    }

    /** Every event of a stream in version order, decoded (older forms through their upcasters). */
    public Uni<List<StoredEvent<Object>>> load(Mutiny.Session session, String streamId) {
        return SqlRows.select(session, """
                        SELECT id, event_id, version, type, CAST(payload AS text) AS payload, actor, correlation_id,
                            causation_id, occurred_at
                        FROM event WHERE stream_id = ?1 ORDER BY version""", streamId)
                .map(rows -> rows.stream().map(row -> toStored(streamId, row)).toList());
    }

    private static StoredEvent<Object> toStored(String streamId, SqlRows.Row row) {
        String type = row.text("type");
        Object payload = EventCatalog.decode(type, row.text("payload").getBytes(StandardCharsets.UTF_8));
        return new StoredEvent<>(row.number("id"), row.uuid("event_id"), streamId, row.number("version"), type,
                payload, row.text("actor"), row.text("correlation_id"), row.text("causation_id"),
                row.instant("occurred_at"));
    }
}
