package io.tierdesk.sla.application;

import io.tierdesk.testsupport.MovableClock;
import jakarta.inject.Singleton;

/** sla-monitor's clock in its tests, which move it to reach due moments. */
@Singleton
public class TestClock extends MovableClock {
}
