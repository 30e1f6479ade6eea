/**
 * The ticket's events, from its opening to its closing, and the values they carry.
 */
package io.tierdesk.events.ticket;
