package io.tierdesk.events.ticket;

/** What L1 gathers: where, which product and equipment, the symptoms, and what was done just before. */
public record Diagnostics(String location, String product, String equipment, String symptoms, String precedingActions) {
    public static final Diagnostics NONE = new Diagnostics(null, null, null, null, null);
}
