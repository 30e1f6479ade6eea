/**
 * The notification service's REST resources: rules, templates, webhooks, the delivery log and the agents' live
 * streams.
 */
package io.tierdesk.notification.api;
