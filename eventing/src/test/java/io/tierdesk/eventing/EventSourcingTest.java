package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Decider;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.ConcurrencyConflictException;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventSourcing;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.ticket.InternalNoteAdded;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** The one load → decide → append path, with a small decider of its own, against the real database. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class EventSourcingTest {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** A ticket's notes: at most three, each text once (a repeated one is nothing to do). */
    record Notes(UUID ticket, List<String> texts) {
    }

    record AddNote(UUID ticket, String text) {
    }

    static final Decider<Notes, AddNote, InternalNoteAdded, String> NOTES = new Decider<>() {
        @Override
        public Notes initial() {
            return new Notes(null, List.of());
        }

        @Override
        public Notes evolve(Notes state, InternalNoteAdded event) {
            List<String> texts = new ArrayList<>(state.texts());
            texts.add(event.note());
            return new Notes(event.ticketId(), List.copyOf(texts));
        }

        @Override
        public List<InternalNoteAdded> decide(Notes state, AddNote command, String author) {
            if (state.texts().contains(command.text())) {
                return List.of();
            }
            if (state.texts().size() == 3) {
                throw Rejection.conflict("note", "three notes already");
            }
            return List.of(new InternalNoteAdded(command.ticket(), author, command.text(), T));
        }
    };

    @Inject
    EventSourcing sourcing;
    @Inject
    EventStore store;
    @Inject
    Mutiny.SessionFactory sessions;

    private <T> T inTransaction(java.util.function.Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction(work).await().atMost(Duration.ofSeconds(30));
    }

    private EventSourcing.Outcome<Notes, InternalNoteAdded> add(UUID ticket, String text) {
        return inTransaction(session -> sourcing.execute(session, "ticket", ticket.toString(), NOTES,
                InternalNoteAdded.class, new AddNote(ticket, text), "anna", EventMetadata.actor("anna"), T));
    }

    private List<Long> versions(UUID ticket) {
        return sessions.withSession(session -> store.load(session, ticket.toString()))
                .await().atMost(Duration.ofSeconds(30)).stream().map(e -> e.version()).toList();
    }

    @Test
    void eachDecisionIsAppendedAtTheVersionItWasTakenOnAndAnsweredWithTheStateAfterIt() {
        UUID ticket = UUID.randomUUID();
        var first = add(ticket, "printer jammed");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.before().texts()).isEmpty();
        var second = add(ticket, "paper replaced");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.events()).containsExactly(new InternalNoteAdded(ticket, "anna", "paper replaced", T));
        assertThat(second.state()).isEqualTo(new Notes(ticket, List.of("printer jammed", "paper replaced")));
        assertThat(versions(ticket)).containsExactly(1L, 2L);
    }

    @Test
    void aCommandThatDecidesNothingAppendsNothing() {
        UUID ticket = UUID.randomUUID();
        add(ticket, "printer jammed");
        var again = add(ticket, "printer jammed");
        assertThat(again.changed()).isFalse();
        assertThat(again.version()).isEqualTo(1);
        assertThat(versions(ticket)).containsExactly(1L);
    }

    @Test
    void aRefusalFailsTheCommandAndAppendsNothing() {
        UUID ticket = UUID.randomUUID();
        add(ticket, "a");
        add(ticket, "b");
        add(ticket, "c");
        assertThatThrownBy(() -> add(ticket, "d")).isInstanceOf(Rejection.class);
        assertThat(versions(ticket)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDecisionOnAStateAnotherWriterHasMovedOnIsAConflictAndAppendsNothing() {
        UUID ticket = UUID.randomUUID();
        add(ticket, "printer jammed");
        assertThatThrownBy(() -> inTransaction(session -> sourcing.load(session, ticket.toString(), NOTES,
                        InternalNoteAdded.class)
                // Another writer, in a session and transaction of its own, commits between the load and the append.
                .call(loaded -> sessions.openSession().chain(other -> other.withTransaction(tx -> store.append(other,
                        "ticket", ticket.toString(), ExpectedVersion.ANY, List.of(SampleStreams.note(ticket,
                                "from elsewhere")), EventMetadata.actor("bob"), T)).eventually(other::close)))
                .chain(loaded -> sourcing.decideAndAppend(session, "ticket", ticket.toString(), loaded, NOTES,
                        new AddNote(ticket, "paper replaced"), "anna", EventMetadata.actor("anna"), T))))
                .isInstanceOf(ConcurrencyConflictException.class);
        var notes = sessions.withSession(session -> sourcing.load(session, ticket.toString(), NOTES,
                InternalNoteAdded.class)).await().atMost(Duration.ofSeconds(30));
        assertThat(notes.state().texts()).containsExactly("printer jammed", "from elsewhere");
        assertThat(notes.version()).isEqualTo(2);
    }
}
