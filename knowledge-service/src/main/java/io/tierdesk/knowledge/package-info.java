/**
 * knowledge-service: articles and versions, search, suggestions for L1, feedback.
 *
 * <p>Layout by role: {@code api} (REST resources), {@code domain} (plain-Java decisions), {@code application}
 * (use cases in one transaction), {@code projection} (read models fed by events), {@code messaging} (channels).
 */
package io.tierdesk.knowledge;
