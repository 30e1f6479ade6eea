/**
 * The notification rules and the planner, as plain Java: from an event and a ticket's card to the notices it causes.
 */
package io.tierdesk.notification.domain;
