package io.tierdesk.eventing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies with a field given twice are refused: which of the two was meant is a guess, and binding a record
 * from them fails inside Jackson as a server error. With duplicates detected while parsing they are a 400 naming the
 * field (ProblemMappers).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
