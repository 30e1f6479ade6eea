/**
 * The idempotent consumer: an event or a poll of events applied once, in one transaction with its receipts, with
 * retries and dead letters.
 */
package io.tierdesk.eventing.inbox;
