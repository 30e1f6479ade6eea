/**
 * What the notification service consumes: the ticket, routing and SLA streams, a poll at a time.
 */
package io.tierdesk.notification.messaging;
