package io.tierdesk.sla.domain;

import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * A calendar as people write it (the body of {@code PUT /api/v1/calendars/{id}}): {@code week} maps {@code mon} …
 * {@code sun} to intervals {@code {"from": "09:00", "to": "13:00"}} ({@code "24:00"} ends a day). {@link
 * #toCalendar} checks everything at once and names each field it refuses.
 */
public record CalendarDraft(String name, String zone, Map<String, List<Interval>> week, List<HolidayDraft> holidays,
        List<WorkingDayDraft> workingDays) {
    public record Interval(String from, String to) {
    }

    public record HolidayDraft(String date, String name, Boolean yearly) {
    }

    /** @param hours null: the calendar's usual hours */
    public record WorkingDayDraft(String date, String name, List<Interval> hours) {
    }

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final int MAX_DATES = 1000;
    /** Less working time than this in a usual week serves no target a support plan would promise. */
    static final int MIN_WEEKLY_MINUTES = 60;
    static final int MAX_INTERVALS = 12;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");
    static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

    static {
        for (DayOfWeek day : DayOfWeek.values()) {
            DAYS.put(day.name().substring(0, 3).toLowerCase(Locale.ROOT), day);
        }
    }

    /** The calendar this draft describes, or a 400 naming every field that is wrong. */
    public BusinessCalendar toCalendar(String id, long version) {
        List<Rejection.Violation> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new Rejection.Violation("id", "must be 1 to 63 lower-case letters, digits and dashes"));
        }
        if (name == null || name.isBlank()) {
            problems.add(new Rejection.Violation("name", "is required"));
        } else if (name.length() > Limits.NAME) {
            problems.add(new Rejection.Violation("name", "must be at most " + Limits.NAME + " characters"));
        }
        ZoneId zoneId = null;
        try {
            zoneId = zone == null ? null : ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(new Rejection.Violation("zone", "'" + zone + "' is not an IANA time zone"));
        }
        if (zone == null) {
            problems.add(new Rejection.Violation("zone", "is required (an IANA zone such as Europe/Moscow)"));
        }
        Map<DayOfWeek, List<BusinessCalendar.Hours>> hours = new EnumMap<>(DayOfWeek.class);
        if (week == null) {
            problems.add(new Rejection.Violation("week", "is required: mon … sun, each a list of intervals"));
        } else {
            week.forEach((key, intervals) -> {
                DayOfWeek day = DAYS.get(key);
                if (day == null) {
                    problems.add(new Rejection.Violation("week." + key, "is not a day; days are " + DAYS.keySet()));
                } else {
                    hours.put(day, hours("week." + key, intervals, problems));
                }
            });
            if (problems.stream().noneMatch(p -> p.field().startsWith("week"))
                    && hours.values().stream().allMatch(List::isEmpty)) {
                problems.add(new Rejection.Violation("week", "has no working time at all"));
            } else if (problems.stream().noneMatch(p -> p.field().startsWith("week"))
                    && hours.values().stream().flatMap(List::stream).mapToInt(h -> h.to() - h.from()).sum()
                    < MIN_WEEKLY_MINUTES) {
                problems.add(new Rejection.Violation("week", "has less than one working hour a week: no SLA "
                        + "target could be served on it"));
            }
        }
        List<BusinessCalendar.Holiday> offDays = new ArrayList<>();
        Set<LocalDate> oneOffHolidays = new HashSet<>();
        List<HolidayDraft> holidayList = holidays == null ? List.of() : holidays;
        if (holidayList.size() > MAX_DATES) {
            problems.add(new Rejection.Violation("holidays", "at most " + MAX_DATES));
        }
        for (int i = 0; i < holidayList.size() && i < MAX_DATES; i++) {
            HolidayDraft h = holidayList.get(i);
            String field = "holidays[" + i + "]";
            LocalDate date = date(field + ".date", h == null ? null : h.date(), problems);
            String label = label(field + ".name", h == null ? null : h.name(), problems);
            if (date != null) {
                boolean yearly = h.yearly() != null && h.yearly();
                offDays.add(new BusinessCalendar.Holiday(date, label, yearly));
                if (!yearly) {
                    oneOffHolidays.add(date);
                }
            }
        }
        List<BusinessCalendar.WorkingDay> extra = new ArrayList<>();
        List<WorkingDayDraft> workingList = workingDays == null ? List.of() : workingDays;
        if (workingList.size() > MAX_DATES) {
            problems.add(new Rejection.Violation("workingDays", "at most " + MAX_DATES));
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < workingList.size() && i < MAX_DATES; i++) {
            WorkingDayDraft w = workingList.get(i);
            String field = "workingDays[" + i + "]";
            LocalDate date = date(field + ".date", w == null ? null : w.date(), problems);
            String label = label(field + ".name", w == null ? null : w.name(), problems);
            List<BusinessCalendar.Hours> own = w == null || w.hours() == null ? null
                    : hours(field + ".hours", w.hours(), problems);
            if (own != null && own.isEmpty()) {
                problems.add(new Rejection.Violation(field + ".hours", "a working day needs working hours; leave "
                        + "hours out for the usual ones"));
            }
            if (date != null) {
                if (oneOffHolidays.contains(date)) {
                    problems.add(new Rejection.Violation(field + ".date", date + " is also a holiday"));
                }
                if (!seen.add(date)) {
                    problems.add(new Rejection.Violation(field + ".date", date + " is listed twice"));
                }
                extra.add(new BusinessCalendar.WorkingDay(date, label, own));
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, problems, "invalid-calendar", "Invalid calendar");
        }
        return new BusinessCalendar(id, version, name.strip(), zoneId, hours, offDays, extra);
    }

    private static List<BusinessCalendar.Hours> hours(String field, List<Interval> intervals,
            List<Rejection.Violation> problems) {
        List<BusinessCalendar.Hours> result = new ArrayList<>();
        if (intervals == null) {
            return result;
        }
        if (intervals.size() > MAX_INTERVALS) {
            problems.add(new Rejection.Violation(field, "at most " + MAX_INTERVALS + " intervals a day"));
            return result;
        }
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            String at = field + "[" + i + "]";
            Integer from = minute(at + ".from", interval == null ? null : interval.from(), problems);
            Integer to = minute(at + ".to", interval == null ? null : interval.to(), problems);
            if (from != null && to != null) {
                if (from >= to) {
                    problems.add(new Rejection.Violation(at, "ends (" + interval.to() + ") before it starts ("
                            + interval.from() + ")"));
                } else {
                    result.add(new BusinessCalendar.Hours(from, to));
                }
            }
        }
        List<BusinessCalendar.Hours> sorted = BusinessCalendar.sorted(result);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).from() < sorted.get(i - 1).to()) {
                problems.add(new Rejection.Violation(field, "intervals overlap"));
                break;
            }
        }
        return sorted;
    }

    private static Integer minute(String field, String value, List<Rejection.Violation> problems) {
        if (value == null || !TIME.matcher(value).matches()) {
            problems.add(new Rejection.Violation(field, "must be a time HH:MM from 00:00 to 24:00"));
            return null;
        }
        return Integer.parseInt(value.substring(0, 2)) * 60 + Integer.parseInt(value.substring(3));
    }

    private static LocalDate date(String field, String value, List<Rejection.Violation> problems) {
        try {
            if (value != null) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeException e) {
            // answered below
        }
        problems.add(new Rejection.Violation(field, "must be a date YYYY-MM-DD"));
        return null;
    }

    private static String label(String field, String value, List<Rejection.Violation> problems) {
        if (value != null && value.length() > Limits.NAME) {
            problems.add(new Rejection.Violation(field, "must be at most " + Limits.NAME + " characters"));
        }
        return value;
    }

    /** The draft that describes a calendar: what GET answers and what is stored. */
    public static CalendarDraft of(BusinessCalendar calendar) {
        Map<String, List<Interval>> week = new LinkedHashMap<>();
        DAYS.forEach((key, day) -> week.put(key, intervals(calendar.week().get(day))));
        return new CalendarDraft(calendar.name(), calendar.zone().getId(), week,
                calendar.holidays().stream().map(h -> new HolidayDraft(h.date().toString(), h.name(), h.yearly()))
                        .toList(),
                calendar.workingDays().stream().map(w -> new WorkingDayDraft(w.date().toString(), w.name(),
                        w.hours() == null ? null : intervals(w.hours()))).toList());
    }

    private static List<Interval> intervals(List<BusinessCalendar.Hours> hours) {
        return hours.stream().map(h -> new Interval(time(h.from()), time(h.to()))).toList();
    }

    private static String time(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
