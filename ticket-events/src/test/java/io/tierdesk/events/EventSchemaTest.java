package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event has a JSON Schema in docs/events/ that matches its record. Run with -Dtierdesk.schemas.write=true to
 * rewrite the files after changing an event.
 */
class EventSchemaTest {
    static Path eventsDocs() {
        return Checkout.root().resolve("docs/events");
    }

    /** Before any test reads them, so every test sees the rewritten files. */
    @BeforeAll
    static void rewriteSchemasWhenAsked() throws IOException {
        if (!Boolean.getBoolean("tierdesk.schemas.write")) {
            return;
        }
        for (EventType<?> type : EventCatalog.all()) {
            Path file = eventsDocs().resolve(type.ceType() + ".schema.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(SchemaGenerator.schema(type)) + "\n");
        }
    }

    @Test
    void everyEventHasASchemaMatchingItsRecord() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (EventType<?> type : EventCatalog.all()) {
            JsonNode expected = SchemaGenerator.schema(type);
            Path file = eventsDocs().resolve(type.ceType() + ".schema.json");
            if (!Files.exists(file)) {
                mismatches.add(type.ceType() + ": no schema at " + file);
            } else if (!EventJson.mapper().readTree(file.toFile()).equals(expected)) {
                mismatches.add(type.ceType() + ": schema differs from record " + type.javaType().getSimpleName());
            }
        }
        assertThat(mismatches).as("rerun with -Dtierdesk.schemas.write=true after changing events").isEmpty();
    }

    @Test
    void noSchemaIsLeftForAnEventThatNoLongerExists() throws IOException {
        try (Stream<Path> files = Files.list(eventsDocs())) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length()))
                    .filter(ceType -> EventCatalog.byCeType(ceType).isEmpty())
                    .toList();
            assertThat(orphans).isEmpty();
        }
    }

    @Test
    void sampleOfEveryEventCarriesEveryRequiredFieldOfItsSchema() throws IOException {
        for (EventType<?> type : EventCatalog.all()) {
            JsonNode schema = EventJson.mapper().readTree(eventsDocs().resolve(type.ceType() + ".schema.json").toFile());
            JsonNode sample = EventJson.mapper().valueToTree(SchemaGenerator.sample(type.javaType()));
            for (Iterator<JsonNode> it = schema.path("required").elements(); it.hasNext(); ) {
                String field = it.next().asText();
                assertThat(sample.hasNonNull(field)).as(type.ceType() + " sample has " + field).isTrue();
            }
            assertThat(schema.path("properties").size()).isEqualTo(type.javaType().getRecordComponents().length);
        }
    }
}
