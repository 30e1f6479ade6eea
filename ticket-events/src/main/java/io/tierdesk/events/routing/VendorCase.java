package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Duration;

/**
 * The case a ticket opened at a vendor when it went to L4: who, the vendor's own reference, and the agreement in force
 * at that moment (a later change of the catalogue does not move a case already open).
 */
public record VendorCase(String vendorId, String name, String caseReference, Agreement agreement) {
    /**
     * What the vendor promised: its first answer within {@code response}, the fix within {@code resolution} (ISO 8601
     * durations), in working time of {@code calendar} (an SLA calendar's id). Either target may be absent.
     */
    public record Agreement(String response, String resolution, String calendar) {
        public Agreement {
            duration(response, "agreement.response");
            duration(resolution, "agreement.resolution");
            Require.text(calendar, "agreement.calendar");
        }

        public Duration responseTarget() {
            return response == null ? null : Duration.parse(response);
        }

        public Duration resolutionTarget() {
            return resolution == null ? null : Duration.parse(resolution);
        }

        private static void duration(String value, String field) {
            if (value == null) {
                return;
            }
            Duration parsed;
            try {
                parsed = Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw Require.violation(field, "must be a duration in ISO 8601 (PT4H, P2D)");
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw Require.violation(field, "must be a positive duration");
            }
        }
    }

    public VendorCase {
        Require.text(vendorId, "vendorId");
        Require.text(caseReference, "caseReference");
        Require.present(agreement, "agreement");
    }
}
