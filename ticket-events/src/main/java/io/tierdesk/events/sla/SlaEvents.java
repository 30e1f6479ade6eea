package io.tierdesk.events.sla;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the SLA stream. */
public final class SlaEvents {
    public static final EventType<SlaClockStarted> CLOCK_STARTED = type("clock-started", SlaClockStarted.class);
    public static final EventType<SlaClockPaused> CLOCK_PAUSED = type("clock-paused", SlaClockPaused.class);
    public static final EventType<SlaClockResumed> CLOCK_RESUMED = type("clock-resumed", SlaClockResumed.class);
    public static final EventType<SlaClockRetimed> CLOCK_RETIMED = type("clock-retimed", SlaClockRetimed.class);
    public static final EventType<SlaWarningReached> WARNING_REACHED = type("warning-reached", SlaWarningReached.class);
    public static final EventType<SlaBreached> BREACHED = type("breached", SlaBreached.class);
    public static final EventType<SlaMet> MET = type("met", SlaMet.class);

    public static final List<EventType<? extends SlaEvent>> ALL = List.of(CLOCK_STARTED, CLOCK_PAUSED, CLOCK_RESUMED,
            CLOCK_RETIMED, WARNING_REACHED, BREACHED, MET);

    private SlaEvents() {
    }

    private static <T extends SlaEvent> EventType<T> type(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.sla." + name + ".v1", javaType, Topics.SLA);
    }
}
