package io.tierdesk.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketReturned;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Older forms of events, read as today's records. An upcaster is keyed by the type name the data was written under
 * (kept in event tables and on topics for good) and turns that data into the current record. Both readers use it:
 * the event store loading a stream and the inbox receiving a record, through {@link EventCatalog#decode}.
 *
 * <p>An incompatible change to an event is a new {@code .vN+1} type; its {@code .vN} then gets an upcaster here, and
 * the approved fixture of the old form (ticket-events' {@code approved/} test resources) must keep reading.
 */
public final class Upcasters {
    /** Reads data written under {@code ceType} as a current event record. */
    public record Upcaster(String ceType, Function<JsonNode, Object> read) {
    }

    /**
     * Before returns had their own event, a return was written as {@code tierdesk.routing.escalated.v1} going down the
     * lines. Such an escalation reads as the {@link TicketReturned} it was; one going up stays a
     * {@link TicketEscalated}.
     */
    static final Upcaster ESCALATION_DOWN_IS_A_RETURN = new Upcaster("tierdesk.routing.escalated.v1", json -> {
        Tier from = Tier.valueOf(json.path("fromTier").asText("L1"));
        Tier to = Tier.valueOf(json.path("toTier").asText("L1"));
        if (to.ordinal() >= from.ordinal()) {
            return EventJson.mapper().convertValue(json, TicketEscalated.class);
        }
        ObjectNode returned = json.deepCopy();
        returned.set("returnedAt", json.path("escalatedAt"));
        return EventJson.mapper().convertValue(returned, TicketReturned.class);
    });

    private static final Map<String, Upcaster> BY_TYPE = List.of(ESCALATION_DOWN_IS_A_RETURN).stream()
            .collect(Collectors.toUnmodifiableMap(Upcaster::ceType, u -> u));

    private Upcasters() {
    }

    static Upcaster of(String ceType) {
        return BY_TYPE.get(ceType);
    }

    /** Runs the upcaster on raw data; anything it cannot read is an {@link InvalidEventException}. */
    static Object read(Upcaster upcaster, byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "data", "event data is empty");
        }
        try {
            return upcaster.read().apply(EventJson.mapper().readTree(data));
        } catch (InvalidEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() instanceof InvalidEventException invalid ? invalid : e;
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "data",
                    upcaster.ceType() + ": " + cause.getMessage(), e);
        }
    }
}
