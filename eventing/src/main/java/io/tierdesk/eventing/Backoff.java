package io.tierdesk.eventing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next try after failures: doubling from {@code first}, never above {@code most}, spread by
 * ±{@code jitter} (a fraction, 0 for none) so that replicas that failed together do not retry together. The relay,
 * the inbox's retries and the deliveries all wait by it.
 */
public record Backoff(Duration first, Duration most, double jitter) {
    public Backoff {
        if (first.isNegative() || first.isZero() || most.isNegative() || most.isZero() || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("a backoff needs first and most above zero and 0 <= jitter < 1");
        }
    }

    /** Doubling from {@code first} up to {@code most}, without jitter. */
    public static Backoff doubling(Duration first, Duration most) {
        return new Backoff(first, most, 0);
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures) {
        // Shifting by 30 at most keeps the product in range; the cap is reached long before.
        long doubled = first.toMillis() << Math.min(Math.max(failures, 1) - 1, 30);
        long capped = Math.min(doubled < 0 ? Long.MAX_VALUE : doubled, most.toMillis());
        if (jitter == 0) {
            return Duration.ofMillis(capped);
        }
        double spread = 1 - jitter + 2 * jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * spread));
    }
}
