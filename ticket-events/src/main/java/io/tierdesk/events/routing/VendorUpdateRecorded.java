package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * The vendor answered on its case, as an agent recorded it: the first answer meets the vendor's response target, one
 * that says the case is {@code resolved} meets its resolution target.
 */
public record VendorUpdateRecorded(UUID ticketId, String vendorId, String caseReference, String message,
        boolean resolved, String by, Instant recordedAt) implements RoutingEvent {
    public VendorUpdateRecorded {
        Require.present(ticketId, "ticketId");
        Require.text(vendorId, "vendorId");
        Require.text(caseReference, "caseReference");
        Require.text(message, "message");
        Require.present(recordedAt, "recordedAt");
    }
}
