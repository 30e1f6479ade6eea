package io.tierdesk.eventing.store;

/** Who caused the events and in answer to what; travels with every event to the timeline. */
public record EventMetadata(String actor, String correlationId, String causationId) {
    public static final EventMetadata NONE = new EventMetadata(null, null, null);

    public static EventMetadata actor(String actor) {
        return new EventMetadata(actor, null, null);
    }
}
