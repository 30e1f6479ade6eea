package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.events.channel.CustomerAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text PostgreSQL cannot store is refused where the event is read, naming its field. */
class EventJsonTextTest {
    @Test
    void aNulCharacterInAnyTextIsInvalidDataNamingTheField() {
        byte[] json = "{\"ticket\":\"TD-000001\",\"reference\":\"abc\",\"comment\":\"fine\\u0000then\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventJson.read(json, CustomerAnswer.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("comment");
                    assertThat(e.getMessage()).contains("U+0000");
                });
    }

    @Test
    void otherControlAndUnicodeCharactersAreText() {
        byte[] json = "{\"ticket\":\"TD-000001\",\"reference\":\"abc\",\"comment\":\"tab\\tnew\\nline \\u202e 😀\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventJson.read(json, CustomerAnswer.class).comment()).isEqualTo("tab\tnew\nline \u202e 😀");
    }
}
