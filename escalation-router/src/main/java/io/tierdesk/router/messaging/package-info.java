/**
 * What the router consumes: the ticket stream, a decision per event, and the SLA stream, a poll at a time.
 */
package io.tierdesk.router.messaging;
