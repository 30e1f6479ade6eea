/**
 * ticket-intake's use cases, each in one transaction: channel intake and batch opening, registration, agents'
 * commands, customers, the auto-close timer.
 */
package io.tierdesk.intake.application;
