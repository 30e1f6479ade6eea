package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void theWaitDoublesFromTheFirstUpToTheMost() {
        Backoff backoff = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(30));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(backoff.after(8)).isEqualTo(Duration.ofSeconds(25).plusMillis(600));
        assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsEachWaitWithinItsBoundsAndNotAllAlike() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2);
        var seen = new java.util.HashSet<Duration>();
        for (int i = 0; i < 200; i++) {
            Duration third = backoff.after(3);
            assertThat(third).isBetween(Duration.ofMillis(3_200), Duration.ofMillis(4_800));
            assertThat(backoff.after(10)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            seen.add(third);
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }

    @Test
    void aBackoffThatCouldNotWaitIsRefused() {
        assertThatThrownBy(() -> Backoff.doubling(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Backoff.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)).after(1))
                .as("never above the most").isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
