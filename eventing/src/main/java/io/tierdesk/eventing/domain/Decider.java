package io.tierdesk.eventing.domain;

import java.util.List;

/**
 * An event-sourced aggregate's rules: the state before any event, how an event moves the state, and what a command
 * makes of a state — the events, or a {@link Rejection} (or another refusal of the aggregate's own) thrown. Plain
 * Java: no framework, no clock (the time comes in the command or the context), no I/O; {@code EventSourcing} loads,
 * decides and appends with it, and the tests' given/when/then speaks it.
 *
 * @param <S> the state replayed from the stream
 * @param <C> the commands
 * @param <E> the stream's events
 * @param <X> what else a decision is told (who works on the ticket, who acts on the article)
 */
public interface Decider<S, C, E, X> {
    /** The state of a stream that holds no event yet. */
    S initial();

    /** The state after one more event: total over the stream's events, so a new type does not compile without it. */
    S evolve(S state, E event);

    List<E> decide(S state, C command, X context);

    /** The state after {@code events}, from {@code state}. */
    default S fold(S state, List<? extends E> events) {
        S result = state;
        for (E event : events) {
            result = evolve(result, event);
        }
        return result;
    }

    default S replay(List<? extends E> events) {
        return fold(initial(), events);
    }
}
