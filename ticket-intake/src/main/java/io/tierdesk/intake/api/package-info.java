/**
 * ticket-intake's REST resources: channel events, registration by agents, ticket commands, the view and list,
 * customers.
 */
package io.tierdesk.intake.api;
