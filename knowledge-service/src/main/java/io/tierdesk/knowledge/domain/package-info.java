/**
 * The article as plain Java: its state, its commands and the {@code ArticleDecider} that turns them into events.
 */
package io.tierdesk.knowledge.domain;
