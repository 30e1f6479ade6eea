package io.tierdesk.sla.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The definition of working time, walked minute by minute and nothing cleverer: a minute counts when its local date
 * and time in the calendar's zone lie inside that date's working hours. Written apart from {@link BusinessCalendar}
 * (it reads only the calendar's fields) so that the two can be checked against each other.
 */
final class ReferenceCalendar {
    private final BusinessCalendar calendar;
    private final Instant origin;
    /** prefix[m]: working minutes in [origin, origin + m minutes). */
    private final int[] prefix;

    ReferenceCalendar(BusinessCalendar calendar, Instant origin, int minutes) {
        this.calendar = calendar;
        this.origin = origin;
        this.prefix = new int[minutes + 1];
        for (int m = 0; m < minutes; m++) {
            prefix[m + 1] = prefix[m] + (working(origin.plusSeconds(60L * m)) ? 1 : 0);
        }
    }

    int minutes() {
        return prefix.length - 1;
    }

    Instant at(int minute) {
        return origin.plusSeconds(60L * minute);
    }

    boolean working(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, calendar.zone());
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        for (BusinessCalendar.Hours hours : hoursOn(local.toLocalDate())) {
            if (minuteOfDay >= hours.from() && minuteOfDay < hours.to()) {
                return true;
            }
        }
        return false;
    }

    private java.util.List<BusinessCalendar.Hours> hoursOn(LocalDate day) {
        for (BusinessCalendar.WorkingDay extra : calendar.workingDays()) {
            if (extra.date().equals(day)) {
                if (extra.hours() != null) {
                    return extra.hours();
                }
                for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                    if (!calendar.week().get(d).isEmpty()) {
                        return calendar.week().get(d);
                    }
                }
            }
        }
        for (BusinessCalendar.Holiday holiday : calendar.holidays()) {
            boolean falls = holiday.yearly()
                    ? holiday.date().getMonth() == day.getMonth() && holiday.date().getDayOfMonth() == day.getDayOfMonth()
                    : holiday.date().equals(day);
            if (falls) {
                return java.util.List.of();
            }
        }
        return calendar.week().get(day.getDayOfWeek());
    }

    /** Working minutes between two minute marks. */
    int between(int from, int to) {
        return to <= from ? 0 : prefix[to] - prefix[from];
    }

    /** The minute mark at which {@code target} working minutes from {@code start} are used up, or -1 past the end. */
    int plus(int start, int target) {
        if (target == 0) {
            return start;
        }
        int wanted = prefix[start] + target;
        if (prefix[prefix.length - 1] < wanted) {
            return -1;
        }
        int lo = start;
        int hi = prefix.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefix[mid] >= wanted) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
