/**
 * Notification events: a notice delivered or failed.
 */
package io.tierdesk.events.notification;
