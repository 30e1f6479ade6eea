/**
 * The ticket as plain Java: its status, its commands, its fold and the {@code TicketDecider}.
 */
package io.tierdesk.intake.domain;
