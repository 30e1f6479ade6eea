package io.tierdesk.eventing.inbox;

/** Why a record went to the dead-letter topic; SmallRye writes the message into the {@code dead-letter-reason} header. */
public class DeadLetterReason extends RuntimeException {
    public DeadLetterReason(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
    }
}
