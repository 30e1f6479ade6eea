/**
 * The agents' ticket view and journal, kept from the ticket stream and what other services publish about tickets.
 */
package io.tierdesk.intake.projection;
