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

    public static final List<EventType<? extends RoutingEvent>> ALL = List.of(TRIAGED, QUEUED, ASSIGNED, ESCALATED,
            RETURNED, SUPERVISOR_ALERTED, VENDOR_UPDATE_RECORDED);

    private RoutingEvents() {
    }

    private static <T extends RoutingEvent> EventType<T> type(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.routing." + name + ".v1", javaType, Topics.ROUTING);
    }
}
