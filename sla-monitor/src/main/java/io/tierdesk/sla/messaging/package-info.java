/**
 * What sla-monitor consumes: the ticket and routing streams, a poll at a time, as facts that move the clocks.
 */
package io.tierdesk.sla.messaging;
