/**
 * escalation-router: agents, triage, assignment and escalation across the support lines L1-L4.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (plain-Java decisions), {@code application}
 * (use cases in one transaction), {@code projection} (read models fed by events), {@code messaging} (channels).
 */
package io.tierdesk.router;
