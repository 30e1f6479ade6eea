/**
 * The backbone's configuration ({@code tierdesk.eventing.*}).
 */
package io.tierdesk.eventing.config;
