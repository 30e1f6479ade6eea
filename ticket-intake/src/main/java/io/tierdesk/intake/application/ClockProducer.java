package io.tierdesk.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock of the service; tests replace it to move time (the auto-close timer). */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @jakarta.inject.Singleton
    @io.quarkus.arc.DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
