package io.tierdesk.events;

import io.tierdesk.events.ticket.TicketEvents;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.tierdesk.events.agent.AgentEvents;
import io.tierdesk.events.knowledge.KnowledgeEvents;
import io.tierdesk.events.notification.NotificationEvents;
import io.tierdesk.events.routing.RoutingEvents;
import io.tierdesk.events.sla.SlaEvents;

/** Every event type that exists, looked up by CloudEvents type or by record class. */
public final class EventCatalog {
    private static final Map<String, EventType<?>> BY_CE_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        TicketEvents.ALL.forEach(EventCatalog::register);
        RoutingEvents.ALL.forEach(EventCatalog::register);
        SlaEvents.ALL.forEach(EventCatalog::register);
        KnowledgeEvents.ALL.forEach(EventCatalog::register);
        AgentEvents.ALL.forEach(EventCatalog::register);
        NotificationEvents.ALL.forEach(EventCatalog::register);
    }

    private EventCatalog() {
    }

    private static void register(EventType<?> type) {
        if (BY_CE_TYPE.putIfAbsent(type.ceType(), type) != null || BY_CLASS.putIfAbsent(type.javaType(), type) != null) {
            throw new IllegalStateException("event type registered twice: " + type);
        }
    }

    public static Optional<EventType<?>> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> javaType) {
        EventType<?> type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException("not a registered event: " + javaType.getName());
        }
        return (EventType<T>) type;
    }

    /**
     * Reads event data written under {@code ceType} as its current record, through an {@link Upcasters upcaster}
     * where the type has older forms. Unknown types and invalid data are {@link InvalidEventException}.
     */
    public static Object decode(String ceType, byte[] data) {
        Upcasters.Upcaster upcaster = Upcasters.of(ceType);
        if (upcaster != null) {
            return Upcasters.read(upcaster, data);
        }
        EventType<?> type = byCeType(ceType).orElseThrow(() -> new InvalidEventException(
                InvalidEventException.Kind.UNKNOWN_TYPE, "type", "unknown event type '" + ceType + "'"));
        return EventJson.read(data, type.javaType());
    }

    /** A type name that can be read: a current type, or an older one with an upcaster. */
    public static boolean isKnown(String ceType) {
        return BY_CE_TYPE.containsKey(ceType) || Upcasters.of(ceType) != null;
    }

    public static Collection<EventType<?>> all() {
        return BY_CE_TYPE.values();
    }
}
