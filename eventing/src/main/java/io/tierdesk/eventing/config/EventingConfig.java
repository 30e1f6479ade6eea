package io.tierdesk.eventing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the event backbone; every service sets them through its own configuration. */
@ConfigMapping(prefix = "tierdesk.eventing")
public interface EventingConfig {
    /** CloudEvents source of the events this service publishes, e.g. {@code /ticket-intake}. */
    String source();

    /** Put before every topic name; tests use it to give each run its own topics. */
    Optional<String> topicPrefix();

    Relay relay();

    Inbox inbox();

    Idempotency idempotency();

    Rebuild rebuild();

    interface Rebuild {
        /**
         * How many records a projection's rebuild reads and holds at a time while it catches up with the live one
         * (docs/runbooks.md): its memory, against the number of its transactions.
         */
        @WithDefault("20000")
        int stretch();
    }

    interface Idempotency {
        /**
         * How long the answer to an agent's or supervisor's Idempotency-Key is kept: a retry within it gets the first
         * answer; one later is a new request. Pruned with the inbox's rows, at its interval.
         */
        @WithDefault("24h")
        Duration retention();
    }

    interface Inbox {
        /**
         * How long a consumer remembers an event it applied. A redelivery within this window is dropped; one older
         * than it (a consumer group reset to an old offset) is applied again. A replay that rebuilds a projection
         * starts from an empty projection and is not affected. See docs/architecture.md.
         */
        @WithDefault("14d")
        Duration retention();

        /** How often rows older than the retention are deleted. */
        @WithDefault("1h")
        Duration pruneInterval();
    }

    /**
     * The most bytes an event's JSON may have: the event store refuses a larger one, since the broker would refuse
     * its record (1 MiB by default, headers included) and the relay would have to set it aside.
     */
    @WithDefault("1000000")
    int maxEventBytes();

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /** Larger batches amortise the per-batch round trips; see docs/benchmarks.md. */
        @WithDefault("1000")
        int batchSize();

        /**
         * How often the relay looks while events are held back behind an older transaction on the cluster (whose end
         * notifies nobody), and while another replica holds the lease.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Fallback when a notification is lost; normally the relay wakes on LISTEN/NOTIFY. */
        @WithDefault("10s")
        Duration idleInterval();

        /** The longest wait between tries after a failure (broker or database down). */
        @WithDefault("30s")
        Duration maxBackoff();

        /** How long a batch may wait for the broker's acknowledgements. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    default String topic(String logicalTopic) {
        return topicPrefix().orElse("") + logicalTopic;
    }
}
