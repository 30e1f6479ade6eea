/**
 * The router's use cases, each under the advisory locks of the lines it touches: routing, assignment, the queue
 * sweep, the agent directory, and the one repository that owns the router's SQL.
 */
package io.tierdesk.router.application;
