package io.tierdesk.sla.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of sla-monitor. */
@ConfigMapping(prefix = "tierdesk.sla")
public interface SlaConfig {
    /**
     * How often the timer loop looks for warnings and breaches that fell due (one indexed query when none did): the
     * most a due moment waits before it is announced, besides the round's own work.
     */
    @WithDefault("250ms")
    Duration timerInterval();
}
