/**
 * Agents' events: registered, changed, presence.
 */
package io.tierdesk.events.agent;
