package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.store.ConcurrencyConflictException;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Appends at an expected version, at the end of the stream, and as new streams, against the real database. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class EventStoreTest {
    @Inject
    EventStore store;
    @Inject
    Mutiny.SessionFactory sessions;

    private long append(String stream, long expected, int count) {
        List<Object> events = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(SampleStreams.note(UUID.fromString(stream), "note " + i));
        }
        return sessions.withTransaction(session -> store.append(session, "ticket", stream, expected, events,
                EventMetadata.actor("test"), Instant.now())).await().atMost(Duration.ofSeconds(30));
    }

    private List<Long> versions(String stream) {
        return sessions.withSession(session -> store.load(session, stream))
                .await().atMost(Duration.ofSeconds(30)).stream().map(e -> e.version()).toList();
    }

    @Test
    void withoutAnExpectedVersionEventsGoAtTheEndAndTheNewVersionIsAnswered() {
        String stream = UUID.randomUUID().toString();
        assertThat(append(stream, ExpectedVersion.ANY, 2)).isEqualTo(2);
        assertThat(append(stream, ExpectedVersion.ANY, 1)).isEqualTo(3);
        assertThat(append(stream, 3, 2)).isEqualTo(5);
        assertThat(versions(stream)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndAppendsNothing() {
        String stream = UUID.randomUUID().toString();
        append(stream, ExpectedVersion.NO_STREAM, 1);
        assertThatThrownBy(() -> append(stream, ExpectedVersion.NO_STREAM, 1))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThatThrownBy(() -> append(stream, 5, 1)).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(versions(stream)).containsExactly(1L);
    }
}
