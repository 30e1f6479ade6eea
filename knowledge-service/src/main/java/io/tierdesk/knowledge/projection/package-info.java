/**
 * The search index kept from the article stream.
 */
package io.tierdesk.knowledge.projection;
