/**
 * The refusals and limits every service's domain speaks in, free of framework types.
 */
package io.tierdesk.eventing.domain;
