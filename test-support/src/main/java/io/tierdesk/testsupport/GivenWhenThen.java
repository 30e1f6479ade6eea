package io.tierdesk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one language of the deciders' tests: given events (or commands the rules decided), when a command, then
 * events — or a refusal. {@code S} is the state replayed from the history, {@code C} the command, {@code E} the
 * event and {@code X} what else a decision is told (who works on the ticket, who acts on the article).
 *
 * <pre>
 * GivenWhenThen&lt;Ticket, TicketCommand, TicketEvent, Participants&gt; tickets =
 *         GivenWhenThen.of(decider::replay, decider::decide, Participants.NONE);
 * tickets.given(opened()).with(aliceOwns).when(reply).then(new AgentReplied(...));
 * </pre>
 */
public final class GivenWhenThen<S, C, E, X> {
    /** A decision: the events a command makes of the state, or a refusal thrown. */
    @FunctionalInterface
    public interface Decide<S, C, E, X> {
        List<? extends E> decide(S state, C command, X context);
    }

    private final Function<List<E>, S> replay;
    private final Decide<S, C, E, X> decide;
    private final X context;

    private GivenWhenThen(Function<List<E>, S> replay, Decide<S, C, E, X> decide, X context) {
        this.replay = replay;
        this.decide = decide;
        this.context = context;
    }

    public static <S, C, E, X> GivenWhenThen<S, C, E, X> of(Function<List<E>, S> replay, Decide<S, C, E, X> decide,
            X context) {
        return new GivenWhenThen<>(replay, decide, context);
    }

    @SafeVarargs
    public final Given given(E... history) {
        return new Given(List.of(history), context);
    }

    /** A history and the context the next decisions are taken in. */
    public final class Given {
        private final List<E> history;
        private final X context;

        private Given(List<E> history, X context) {
            this.history = history;
            this.context = context;
        }

        /** The next decisions are taken in this context (another actor, other participants). */
        public Given with(X other) {
            return new Given(history, other);
        }

        /** A command the rules decide, its events added to the history. */
        public Given and(C command) {
            List<E> longer = new ArrayList<>(history);
            longer.addAll(decide.decide(state(), command, context));
            return new Given(List.copyOf(longer), context);
        }

        public List<E> history() {
            return history;
        }

        public S state() {
            return replay.apply(history);
        }

        public Then when(C command) {
            return new Then(() -> List.copyOf(decide.decide(state(), command, context)));
        }
    }

    /** The decision, taken when a check asks for it. */
    public final class Then {
        private final Supplier<List<E>> decision;

        private Then(Supplier<List<E>> decision) {
            this.decision = decision;
        }

        /** The events decided, for checks of the test's own. */
        public List<E> events() {
            return decision.get();
        }

        @SafeVarargs
        public final void then(E... expected) {
            assertThat(decision.get()).containsExactly(expected);
        }

        public void thenNothing() {
            assertThat(decision.get()).isEmpty();
        }

        /** Refused with {@code type}, which {@code check} examines further. */
        public <T extends Throwable> void thenRefused(Class<T> type, Consumer<? super T> check) {
            assertThatThrownBy(decision::get).isInstanceOf(type).satisfies(e -> check.accept(type.cast(e)));
        }
    }
}
