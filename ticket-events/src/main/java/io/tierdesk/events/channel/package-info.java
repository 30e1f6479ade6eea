/**
 * What channel adapters send (a customer's message) and what they are answered.
 */
package io.tierdesk.events.channel;
