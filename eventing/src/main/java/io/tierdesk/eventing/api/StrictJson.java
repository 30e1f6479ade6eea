package io.tierdesk.eventing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tierdesk.events.EventJson;
import jakarta.inject.Singleton;

/**
 * Request bodies are read by the events' text rules (no U+0000: {@link EventJson#textRules()}), and a field given
 * twice is refused: which of the two was meant is a guess, and binding a record from them fails inside Jackson as a
 * server error. Both are a 400 naming the field (ProblemMappers).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).registerModule(EventJson.textRules());
    }
}
