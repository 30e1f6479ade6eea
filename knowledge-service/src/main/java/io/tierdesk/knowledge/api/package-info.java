/**
 * The knowledge base's REST resources: articles and their workflow, search, suggestions, feedback, self-service and
 * capture from tickets.
 */
package io.tierdesk.knowledge.api;
