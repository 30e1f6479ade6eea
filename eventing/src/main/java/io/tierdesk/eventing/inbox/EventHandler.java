package io.tierdesk.eventing.inbox;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A projection's reaction to one event, run in the transaction that also records the event as processed.
 * Throw {@link io.tierdesk.eventing.domain.Rejection} for an event that breaks the consumer's rules: it is
 * dead-lettered at once. Anything else is taken for a bug or a passing fault: retried, then dead-lettered as
 * {@code handler-failed}.
 */
@FunctionalInterface
public interface EventHandler<T> {
    Uni<Void> handle(Mutiny.Session session, Delivered<T> delivered);
}
