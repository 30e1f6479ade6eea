package io.tierdesk.knowledge;

import io.tierdesk.testsupport.Layering;
import org.junit.jupiter.api.Test;

/** Resources map and delegate, the domain is plain Java, no other service's code is linked (Layering says how). */
class LayeringTest {
    @Test
    void keepsThePlatformsLayering() {
        Layering.check("io.tierdesk.knowledge");
    }
}
