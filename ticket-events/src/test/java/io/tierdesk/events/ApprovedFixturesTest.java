package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketReturned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every event type ever written has an approved JSON fixture, frozen as a file: {@code <type>.json}, and
 * {@code <type>.<variant>.json} for older forms of it. Each must still read as today's record, so a change that would
 * strand stored events fails here (then: a new {@code .vN+1} type and an upcaster, never an edited fixture). Run with
 * {@code -Dtierdesk.fixtures.write=true} to add the fixtures of new types; existing files are never rewritten.
 */
class ApprovedFixturesTest {
    static Path fixtures() {
        return Checkout.root().resolve("ticket-events/src/test/resources/approved");
    }

    @Test
    void everyTypeHasAnApprovedFixtureAndEveryFixtureStillReads() throws IOException {
        List<String> problems = new ArrayList<>();
        for (EventType<?> type : EventCatalog.all()) {
            Path file = fixtures().resolve(type.ceType() + ".json");
            if (!Files.exists(file) && Boolean.getBoolean("tierdesk.fixtures.write")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(SchemaGenerator.sample(type.javaType())) + "\n");
            }
            if (!Files.exists(file)) {
                problems.add(type.ceType() + ": no approved fixture at " + file);
            }
        }
        try (Stream<Path> files = Files.list(fixtures())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String ceType = name.replaceFirst("(\\.v[0-9]+)(\\..*)?\\.json$", "$1");
                try {
                    Object event = EventCatalog.decode(ceType, Files.readAllBytes(file));
                    if (name.equals(ceType + ".json") && EventCatalog.byCeType(ceType).isPresent()) {
                        assertThat(event).as(name).isInstanceOf(EventCatalog.byCeType(ceType).get().javaType());
                    }
                } catch (InvalidEventException e) {
                    problems.add(name + " no longer reads: " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aReturnWrittenAsAnEscalationDownTheLinesReadsAsTicketReturned() throws IOException {
        Object event = EventCatalog.decode("tierdesk.routing.escalated.v1",
                Files.readAllBytes(fixtures().resolve("tierdesk.routing.escalated.v1.return.json")));
        assertThat(event).isEqualTo(new TicketReturned(UUID.fromString("6f1c2f5e-8a7b-4c1d-9e2f-3a4b5c6d7e8f"),
                Tier.L2, Tier.L1, "fixed the replica", "l2-agent", Instant.parse("2026-11-20T10:15:30Z")));
        assertThat(EventCatalog.decode("tierdesk.routing.escalated.v1",
                Files.readAllBytes(fixtures().resolve("tierdesk.routing.escalated.v1.json"))))
                .isInstanceOf(TicketEscalated.class);
    }
}
