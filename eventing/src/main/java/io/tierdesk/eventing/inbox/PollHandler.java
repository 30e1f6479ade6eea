package io.tierdesk.eventing.inbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A projection's reaction to the events of one poll this consumer has not applied yet, in the order they came (per
 * partition), run in the transaction that also records them as processed: the shape that lets a projection write a
 * poll's rows in one statement each instead of one per event. The list holds one event when the inbox applies a
 * poll record by record after the poll failed as a whole. Rejections and failures mean what they mean for
 * {@link EventHandler}.
 */
@FunctionalInterface
public interface PollHandler<T> {
    Uni<Void> handle(Mutiny.Session session, List<Delivered<T>> events);

    /** The events one after another, each by {@code handler}. */
    static <T> PollHandler<T> eachOf(EventHandler<? super T> handler) {
        return (session, events) -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(delivered -> handler.handle(session, castDelivered(delivered)))
                .collect().last().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private static <T> Delivered<T> castDelivered(Delivered<?> delivered) {
        return (Delivered<T>) delivered;
    }
}
