/**
 * The help desk's own rules several services apply (who may work a ticket, the line as a parameter), kept out of the
 * backbone.
 */
package io.tierdesk.rules;
