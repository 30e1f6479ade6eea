/**
 * Projections declared for their rebuild: each is built again from the topics it consumes into a schema of its own
 * while the live one runs, and the two are compared at one snapshot.
 */
package io.tierdesk.eventing.projection;
