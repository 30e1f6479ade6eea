package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.ticket.Urgency;

/**
 * ITIL priority from impact × urgency.
 *
 * <pre>
 *                urgency: critical  high  medium  low
 * impact critical           P1       P1     P2     P3
 *        high               P1       P2     P2     P3
 *        medium             P2       P2     P3     P4
 *        low                P3       P3     P4     P4
 * </pre>
 */
public final class PriorityMatrix {
    private static final Priority[][] MATRIX = {
            {Priority.P1, Priority.P1, Priority.P2, Priority.P3},
            {Priority.P1, Priority.P2, Priority.P2, Priority.P3},
            {Priority.P2, Priority.P2, Priority.P3, Priority.P4},
            {Priority.P3, Priority.P3, Priority.P4, Priority.P4},
    };

    private PriorityMatrix() {
    }

    public static Priority priority(Impact impact, Urgency urgency) {
        return MATRIX[impact.ordinal()][urgencyRow(urgency)];
    }

    private static int urgencyRow(Urgency urgency) {
        return switch (urgency) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
            case LOW -> 3;
        };
    }
}
