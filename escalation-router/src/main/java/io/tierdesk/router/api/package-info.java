/**
 * The router's REST resources: agents and their presence, queues, routing rules, a ticket's escalation and return;
 * they map and delegate to {@code application}.
 */
package io.tierdesk.router.api;
