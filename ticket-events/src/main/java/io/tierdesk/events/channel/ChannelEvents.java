package io.tierdesk.events.channel;

import java.util.Map;

/** What channel adapters post to ticket-intake as CloudEvents over HTTP; not published on Kafka. */
public final class ChannelEvents {
    public static final String MESSAGE_RECEIVED = "tierdesk.channel.message.received";
    public static final String RESOLUTION_CONFIRMED = "tierdesk.channel.resolution.confirmed";
    public static final String RESOLUTION_REJECTED = "tierdesk.channel.resolution.rejected";
    public static final String SATISFACTION_SUBMITTED = "tierdesk.channel.satisfaction.submitted";
    public static final String ALERT_RAISED = "tierdesk.channel.alert.raised";
    public static final String ALERT_CLEARED = "tierdesk.channel.alert.cleared";

    /** Each type and the record its data must read as. */
    public static final Map<String, Class<?>> DATA_TYPES = Map.of(
            MESSAGE_RECEIVED, ChannelMessage.class,
            RESOLUTION_CONFIRMED, CustomerAnswer.class,
            RESOLUTION_REJECTED, CustomerAnswer.class,
            SATISFACTION_SUBMITTED, CustomerAnswer.class,
            ALERT_RAISED, MonitoringAlert.class,
            ALERT_CLEARED, MonitoringAlert.class);

    private ChannelEvents() {
    }
}
