/**
 * The transactional outbox's relay: the events a service appended, published to Kafka in commit order, exactly as
 * stored.
 */
package io.tierdesk.eventing.relay;
