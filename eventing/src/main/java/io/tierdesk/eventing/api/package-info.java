/**
 * The REST conventions every service shares: problem details, paging, idempotency keys, body limits, version
 * preconditions.
 */
package io.tierdesk.eventing.api;
