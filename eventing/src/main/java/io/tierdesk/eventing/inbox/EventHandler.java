package io.tierdesk.eventing.inbox;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A projection's reaction to one event, run in the transaction that also records the event as processed.
 * Throw {@link IllegalArgumentException} for an event that breaks the consumer's rules: it is dead-lettered.
 */
@FunctionalInterface
public interface EventHandler<T> {
    Uni<Void> handle(Mutiny.Session session, Delivered<T> delivered);
}
