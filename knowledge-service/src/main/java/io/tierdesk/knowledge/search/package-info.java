/**
 * Search over articles and solved tickets in Russian and English: the in-memory index, the vocabulary,
 * keyboard-layout and ё/е folding.
 */
package io.tierdesk.knowledge.search;
