/**
 * The knowledge base's use cases: the article's commands, lists, feedback, suggestions for tickets, self-service,
 * search gaps and knowledge captured from solved tickets.
 */
package io.tierdesk.knowledge.application;
