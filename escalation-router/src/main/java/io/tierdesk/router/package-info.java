/**
 * escalation-router: agents, triage, assignment and moves across the support lines L1-L4.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (the routed ticket and the pure
 * {@code RoutingDecider}), {@code application} (the {@code Router} running decisions under locks in one transaction,
 * the {@code RoutingRepository} with every statement, the agent directory, metrics and gauges), {@code messaging}
 * (the ticket and SLA stream consumers).
 */
package io.tierdesk.router;
