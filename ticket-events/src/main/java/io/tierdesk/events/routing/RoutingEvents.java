package io.tierdesk.events.routing;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the routing stream. */
public final class RoutingEvents {
    public static final EventType<TicketTriaged> TRIAGED = type("triaged", TicketTriaged.class);
    public static final EventType<TicketQueued> QUEUED = type("queued", TicketQueued.class);
    public static final EventType<TicketAssigned> ASSIGNED = type("assigned", TicketAssigned.class);
    public static final EventType<TicketEscalated> ESCALATED = type("escalated", TicketEscalated.class);
    public static final EventType<TicketReturned> RETURNED = type("returned", TicketReturned.class);
    public static final EventType<SupervisorAlerted> SUPERVISOR_ALERTED =
            type("supervisor-alerted", SupervisorAlerted.class);
    public static final EventType<VendorUpdateRecorded> VENDOR_UPDATE_RECORDED =
            type("vendor-update-recorded", VendorUpdateRecorded.class);
    public static final EventType<VisitScheduled> VISIT_SCHEDULED = type("visit-scheduled", VisitScheduled.class);
    public static final EventType<VisitRescheduled> VISIT_RESCHEDULED =
            type("visit-rescheduled", VisitRescheduled.class);
    public static final EventType<VisitCancelled> VISIT_CANCELLED = type("visit-cancelled", VisitCancelled.class);
    public static final EventType<VisitStarted> VISIT_STARTED = type("visit-started", VisitStarted.class);
    public static final EventType<VisitCompleted> VISIT_COMPLETED = type("visit-completed", VisitCompleted.class);
    public static final EventType<RemoteSessionStarted> REMOTE_SESSION_STARTED =
            type("remote-session-started", RemoteSessionStarted.class);
    public static final EventType<RemoteSessionEnded> REMOTE_SESSION_ENDED =
            type("remote-session-ended", RemoteSessionEnded.class);

    public static final List<EventType<? extends RoutingEvent>> ALL = List.of(TRIAGED, QUEUED, ASSIGNED, ESCALATED,
            RETURNED, SUPERVISOR_ALERTED, VENDOR_UPDATE_RECORDED, VISIT_SCHEDULED, VISIT_RESCHEDULED, VISIT_CANCELLED,
            VISIT_STARTED, VISIT_COMPLETED, REMOTE_SESSION_STARTED, REMOTE_SESSION_ENDED);

    private RoutingEvents() {
    }

    private static <T extends RoutingEvent> EventType<T> type(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.routing." + name + ".v1", javaType, Topics.ROUTING);
    }
}
