package io.tierdesk.eventing.store;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Decider;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one path of a command on an event-sourced aggregate: load the stream and replay it with the decider, decide,
 * append at the version the decision was taken on — in the caller's transaction, so what the caller derives from the
 * outcome (projection rows, timers) commits with the events. A stream moved on in between fails the append with
 * {@link ConcurrencyConflictException}.
 */
@ApplicationScoped
public class EventSourcing {
    private final EventStore store;

    public EventSourcing(EventStore store) {
        this.store = store;
    }

    /** A stream's state and the version it was replayed to ({@link ExpectedVersion#NO_STREAM} when it is empty). */
    public record Loaded<S>(S state, long version) {
    }

    /** What a command made: the events (none when there was nothing to do), the state after them, its version. */
    public record Outcome<S, E>(S before, S state, long version, List<E> events) {
        public boolean changed() {
            return !events.isEmpty();
        }
    }

    public <S, E> Uni<Loaded<S>> load(Mutiny.Session session, String streamId, Decider<S, ?, E, ?> decider,
            Class<E> eventType) {
        return store.load(session, streamId).map(stored -> new Loaded<>(decider.replay(stored.stream()
                .map(e -> eventType.cast(e.payload())).toList()), stored.size()));
    }

    /** Loads, decides and appends. */
    public <S, C, E, X> Uni<Outcome<S, E>> execute(Mutiny.Session session, String streamType, String streamId,
            Decider<S, C, E, X> decider, Class<E> eventType, C command, X context, EventMetadata metadata,
            Instant at) {
        return load(session, streamId, decider, eventType).chain(loaded -> decideAndAppend(session, streamType,
                streamId, loaded, decider, command, context, metadata, at));
    }

    /** Decides on a state the caller has loaded in this transaction (to check a precondition first) and appends. */
    public <S, C, E, X> Uni<Outcome<S, E>> decideAndAppend(Mutiny.Session session, String streamType,
            String streamId, Loaded<S> loaded, Decider<S, C, E, X> decider, C command, X context,
            EventMetadata metadata, Instant at) {
        List<E> events;
        try {
            events = List.copyOf(decider.decide(loaded.state(), command, context));
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome<>(loaded.state(), loaded.state(), loaded.version(), events));
        }
        S after = decider.fold(loaded.state(), events);
        return store.append(session, streamType, streamId, loaded.version(), events, metadata, at)
                .map(version -> new Outcome<>(loaded.state(), after, version, events));
    }
}
