/**
 * The event store (an append-only table per service with optimistic versions) and the SQL helpers every repository
 * uses: rows, time, keyset cursors.
 */
package io.tierdesk.eventing.store;
