/**
 * The event contracts every service shares: the CloudEvents envelope, its HTTP and Kafka bindings, JSON, the
 * catalogue of types, topics and upcasters.
 */
package io.tierdesk.events;
