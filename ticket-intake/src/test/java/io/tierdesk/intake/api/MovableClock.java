package io.tierdesk.intake.api;

import jakarta.inject.Singleton;

/** ticket-intake's clock in its tests, which move it (auto-close, reopen windows). */
@Singleton
public class MovableClock extends io.tierdesk.testsupport.MovableClock {
}
