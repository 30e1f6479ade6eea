package io.tierdesk.intake.application;

/** No ticket with that id or number (HTTP 404, or 422 when the reference came inside a body). */
public class TicketNotFound extends RuntimeException {
    private final String field;

    public TicketNotFound(String field, String reference) {
        super("no ticket " + reference);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
