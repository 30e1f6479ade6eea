package io.tierdesk.router.domain;

/** An escalation or return the lines do not allow (HTTP 409). */
public class EscalationRejected extends RuntimeException {
    public EscalationRejected(String message) {
        super(message);
    }
}
