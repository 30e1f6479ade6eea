/**
 * Routing as plain Java: the priority matrix, routing rules, the choice of agent, escalation between the lines and
 * the breach policy, decided by {@code RoutingDecider} into events.
 */
package io.tierdesk.router.domain;
