/**
 * Who is told what and how: notices planned per event, delivered by mail and webhook with retries, templates, rules
 * and the live streams, and the tables they keep.
 */
package io.tierdesk.notification.application;
