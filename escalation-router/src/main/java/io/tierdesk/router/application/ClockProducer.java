package io.tierdesk.router.application;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock of the service; tests may replace it. */
public class ClockProducer {
    @Produces
    @Singleton
    @io.quarkus.arc.DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
