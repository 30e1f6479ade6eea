package io.tierdesk.events.routing;

/**
 * How a ticket is being fixed away from the desk: engineers' visits on site or at the service centre, and remote-access
 * sessions. On the routing stream, since they book the lines' people; {@code by} is who recorded it.
 */
public sealed interface FieldWork extends RoutingEvent permits VisitScheduled, VisitRescheduled, VisitCancelled,
        VisitStarted, VisitCompleted, RemoteSessionStarted, RemoteSessionEnded {
    String by();
}
