/**
 * The shared event backbone every service runs on: periodic jobs, the clock, PostgreSQL error classes; the
 * subpackages hold the store, the relay, the inbox and the REST conventions. It knows no help-desk rule.
 */
package io.tierdesk.eventing;
