package io.tierdesk.sla.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of sla-monitor. */
@ConfigMapping(prefix = "tierdesk.sla")
public interface SlaConfig {
    /**
     * The longest the timer loop sleeps. It wakes for the earliest moment in the database and at once for one this
     * instance writes; this bounds how late it notices a moment another instance wrote (one indexed query), which
     * matters only when that instance stopped before its moment came. An idle replica pays one query per wait.
     */
    @WithDefault("5s")
    Duration timerMaxWait();

    /** How often the quality gauges and the open clocks' gauge are counted again (one report over the window). */
    @WithDefault("1m")
    Duration gaugeInterval();

    /**
     * The gauges are counted again at each interval only when something was consumed or announced since they were
     * counted; this long at most when nothing was (the window moves on).
     */
    @WithDefault("15m")
    Duration gaugeMaxAge();

    /** The rolling window of the quality gauges. */
    @WithDefault("P7D")
    Duration gaugeWindow();

    /** Re-timing after a calendar change: tickets per transaction. */
    @WithDefault("200")
    int retimeBatch();

    /** How often a replica looks for calendars to re-time (a change on this replica wakes it at once). */
    @WithDefault("1s")
    Duration retimeInterval();
}
