package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.KeysetCursor;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {
    @Test
    void aCursorComesBackAsItWentOutWhateverItsKeyHolds() {
        UUID id = UUID.randomUUID();
        for (String key : new String[] {"2026-12-04 13:21:24.143532+00", "P1", "", "a|b c+/="}) {
            assertThat(KeysetCursor.decode(new KeysetCursor(key, id).encode())).isEqualTo(new KeysetCursor(key, id));
        }
        assertThat(KeysetCursor.decode(null)).isNull();
    }

    @Test
    void anythingElseIsABadRequestNamingTheCursor() {
        for (String bad : new String[] {"not-a-cursor", "", "%%%", new KeysetCursor("x", UUID.randomUUID()).encode()
                .substring(0, 6)}) {
            assertThatThrownBy(() -> KeysetCursor.decode(bad)).as(bad).isInstanceOfSatisfying(Rejection.class,
                    r -> assertThat(r.field()).isEqualTo("cursor"));
        }
    }
}
