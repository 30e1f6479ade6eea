package io.tierdesk.notification;

import jakarta.inject.Singleton;

/** notification-service's clock in its tests, which move it to play a replica whose clock runs ahead. */
@Singleton
public class TestClock extends io.tierdesk.testsupport.MovableClock {
}
