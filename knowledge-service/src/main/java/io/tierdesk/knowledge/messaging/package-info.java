/**
 * What the knowledge base consumes: its own article stream (for the index) and the ticket stream (for suggestions
 * and what solved tickets teach).
 */
package io.tierdesk.knowledge.messaging;
