/**
 * ticket-intake: channel events, the event-sourced ticket, customers and plans, the agents' ticket view.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (the ticket's fold and the pure
 * {@code TicketDecider}), {@code application} (use cases in one transaction: channel intake, batch opening, agent
 * commands, customers, the auto-close timer), {@code projection} (the ticket view, the facts other services publish,
 * the timeline — each consumer is declared beside its projection).
 */
package io.tierdesk.intake;
