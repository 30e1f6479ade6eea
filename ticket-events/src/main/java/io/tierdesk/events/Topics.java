package io.tierdesk.events;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topic names. Local brokers create them with {@code deploy/kafka/topics.txt}, kept equal by a test. */
public final class Topics {
    public static final String TICKETS = "tierdesk.tickets";
    public static final String ROUTING = "tierdesk.routing";
    public static final String AGENTS = "tierdesk.agents";
    public static final String SLA = "tierdesk.sla";
    public static final String KNOWLEDGE = "tierdesk.knowledge";
    public static final String NOTIFICATIONS = "tierdesk.notifications";

    public static final String DLQ_SUFFIX = ".dlq";

    /** The event topics, without their dead-letter companions. */
    public static final List<String> EVENT_TOPICS = List.of(TICKETS, ROUTING, AGENTS, SLA, KNOWLEDGE, NOTIFICATIONS);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic a broker needs: each event topic followed by its dead-letter topic. */
    public static List<String> all() {
        return EVENT_TOPICS.stream().flatMap(t -> Stream.of(t, dlq(t))).toList();
    }
}
