package io.tierdesk.sla.domain;

import java.time.Duration;

/**
 * The case a ticket has open with a vendor at L4, as its clocks need it: the agreement's targets and the calendar
 * they count on, as it was when the case opened (an agreement is held to the terms it was made under; a later change
 * of the calendar does not re-time it).
 *
 * @param calendar     the calendar's days and hours; null: the agreement's calendar did not exist, and the clocks
 *                     count around the clock
 */
public record VendorTerms(String vendorId, String caseReference, Duration response, Duration resolution,
        String calendarId, long calendarVersion, CalendarDraft calendar) {
    public static VendorTerms of(String vendorId, String caseReference, Duration response, Duration resolution,
            BusinessCalendar calendar) {
        return calendar == null || calendar.isAlwaysOpen()
                ? new VendorTerms(vendorId, caseReference, response, resolution, BusinessCalendar.ALWAYS, 1, null)
                : new VendorTerms(vendorId, caseReference, response, resolution, calendar.id(), calendar.version(),
                        CalendarDraft.of(calendar));
    }

    public BusinessCalendar businessCalendar() {
        return calendar == null ? BusinessCalendar.alwaysOpen() : calendar.toCalendar(calendarId, calendarVersion);
    }

    public Duration target(ClockKind kind) {
        return switch (kind) {
            case VENDOR_RESPONSE -> response;
            case VENDOR_RESOLUTION -> resolution;
            default -> null;
        };
    }
}
