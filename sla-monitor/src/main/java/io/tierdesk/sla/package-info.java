/**
 * sla-monitor: calendars, SLA policies, SLA clocks and timers, quality reports.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (plain-Java decisions), {@code application}
 * (use cases in one transaction), {@code projection} (read models fed by events), {@code messaging} (channels).
 */
package io.tierdesk.sla;
