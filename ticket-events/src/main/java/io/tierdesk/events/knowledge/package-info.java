/**
 * Knowledge events: an article's life and the solutions suggested for a ticket.
 */
package io.tierdesk.events.knowledge;
