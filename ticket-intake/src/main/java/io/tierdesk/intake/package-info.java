/**
 * ticket-intake: channel events, the event-sourced ticket, customers and plans, the agents' ticket view.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (plain-Java decisions), {@code application}
 * (use cases in one transaction), {@code projection} (read models fed by events), {@code messaging} (channels).
 */
package io.tierdesk.intake;
