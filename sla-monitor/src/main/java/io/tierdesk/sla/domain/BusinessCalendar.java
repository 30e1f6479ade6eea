package io.tierdesk.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Comparator;

/**
 * When support works: weekly working hours in a zone, holidays (once or every year), and extra working days (a
 * production calendar may move a working day onto a Saturday by decree). Plain Java.
 *
 * <p>What counts is defined instant by instant: an instant is working time when its local date and time in the
 * calendar's zone fall inside that date's working hours. So an hour that a DST change skips is not worked, an hour
 * it repeats is worked twice, and business time is real elapsed time within working hours. {@code ReferenceCalendar}
 * in the tests walks this definition minute by minute and is checked against the arithmetic here.
 *
 * @param version     every change of a calendar is a new version
 * @param week        working hours per day of the week (a day without hours is not worked)
 * @param workingDays dates worked although the week or a holiday says otherwise; their own hours, or {@link
 *                    #usualHours()} when they name none
 */
public record BusinessCalendar(String id, long version, String name, ZoneId zone, Map<DayOfWeek, List<Hours>> week,
        List<Holiday> holidays, List<WorkingDay> workingDays) {
    /** Support that never stops: every instant counts. */
    public static final String ALWAYS = "24x7";
    /** Past this many days without finding the time asked for, the calendar is taken to have none. */
    static final int MAX_DAYS = 3660;
    private static final long DAY = 86_400;

    /** Working hours of one day, in minutes of the day: {@code from} inclusive, {@code to} exclusive (1440 = midnight). */
    public record Hours(int from, int to) {
        public Hours {
            if (from < 0 || to > 1440 || from >= to) {
                throw new IllegalArgumentException("hours must satisfy 0 <= from < to <= 1440: " + from + "-" + to);
            }
        }
    }

    public record Holiday(LocalDate date, String name, boolean yearly) {
        boolean falls(LocalDate day) {
            return yearly ? MonthDay.from(date).equals(MonthDay.from(day)) && MonthDay.from(date).isValidYear(
                    day.getYear()) : date.equals(day);
        }
    }

    /** @param hours null: the calendar's usual hours */
    public record WorkingDay(LocalDate date, String name, List<Hours> hours) {
        public WorkingDay {
            hours = hours == null ? null : sorted(hours);
        }
    }

    /** A stretch of working time. */
    public record Span(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    public BusinessCalendar {
        EnumMap<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            copy.put(day, sorted(week.getOrDefault(day, List.of())));
        }
        week = Collections.unmodifiableMap(copy);
        holidays = List.copyOf(holidays);
        workingDays = List.copyOf(workingDays);
    }

    static List<Hours> sorted(List<Hours> hours) {
        return hours.stream().sorted(Comparator.comparingInt(Hours::from)).toList();
    }

    public static BusinessCalendar alwaysOpen() {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Hours(0, 1440)));
        }
        return new BusinessCalendar(ALWAYS, 1, "24/7", ZoneOffset.UTC, week, List.of(), List.of());
    }

    public BusinessCalendar withVersion(long next) {
        return new BusinessCalendar(id, next, name, zone, week, holidays, workingDays);
    }

    public boolean isAlwaysOpen() {
        return week.values().stream().allMatch(h -> h.equals(List.of(new Hours(0, 1440))))
                && holidays.isEmpty() && workingDays.isEmpty();
    }

    /** The hours of an extra working day that names none: Monday's, or the first day of the week that works. */
    public List<Hours> usualHours() {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!week.get(day).isEmpty()) {
                return week.get(day);
            }
        }
        return List.of();
    }

    /** The working hours of a local date. */
    public List<Hours> hoursOn(LocalDate day) {
        for (WorkingDay extra : workingDays) {
            if (extra.date().equals(day)) {
                return extra.hours() != null ? extra.hours() : usualHours();
            }
        }
        for (Holiday holiday : holidays) {
            if (holiday.falls(day)) {
                return List.of();
            }
        }
        return week.get(day.getDayOfWeek());
    }

    /**
     * The working time among the instants whose local date is {@code day}, in order. The day is cut where the zone's
     * offset changes; within each piece local time runs evenly, so working hours map to instants exactly. Local
     * times a piece shows of a neighbouring date (a change at midnight) are judged by that date's hours.
     */
    public List<Span> spansOf(LocalDate day) {
        ZoneRules rules = zone.getRules();
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Span> spans = new ArrayList<>();
        Instant pieceStart = start;
        while (pieceStart.isBefore(end)) {
            ZoneOffsetTransition next = rules.nextTransition(pieceStart);
            Instant pieceEnd = next != null && next.getInstant().isBefore(end) ? next.getInstant() : end;
            addWorking(spans, pieceStart, pieceEnd, rules.getOffset(pieceStart));
            pieceStart = pieceEnd;
        }
        return spans;
    }

    /** Adds the working time of one piece of a day, where the zone's offset is {@code offset} throughout. */
    private void addWorking(List<Span> spans, Instant from, Instant to, ZoneOffset offset) {
        // In seconds: local time is the instant plus the offset, and a local date's hours start at its epoch day.
        int shift = offset.getTotalSeconds();
        long localFrom = from.getEpochSecond() + shift;
        long localTo = to.getEpochSecond() + shift;
        for (long epochDay = Math.floorDiv(localFrom, DAY); epochDay * DAY < localTo; epochDay++) {
            for (Hours hours : hoursOn(LocalDate.ofEpochDay(epochDay))) {
                long lo = Math.max(epochDay * DAY + hours.from() * 60L, localFrom);
                long hi = Math.min(epochDay * DAY + hours.to() * 60L, localTo);
                if (lo < hi) {
                    Instant a = Instant.ofEpochSecond(lo - shift);
                    Instant b = Instant.ofEpochSecond(hi - shift);
                    Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                    if (last != null && last.to().equals(a)) {
                        spans.set(spans.size() - 1, new Span(last.from(), b));
                    } else {
                        spans.add(new Span(a, b));
                    }
                }
            }
        }
    }

    /**
     * The instant at which {@code amount} of working time, counted from {@code start}, is used up. A calendar that
     * has not that much time in {@link #MAX_DAYS} days is taken to have none: the answer is then the end of that
     * search, not a failure, so one sparse calendar cannot stop the events of its plan (calendars and policies are
     * checked at save with {@link #serves}, so it takes a calendar saved before that check to get here).
     */
    public Instant plus(Instant start, Duration amount) {
        Instant found = plus(start, amount, MAX_DAYS);
        return found != null ? found : start.plus(Duration.ofDays(MAX_DAYS));
    }

    /** How far ahead a calendar must be able to serve each target of the policies that count on it. */
    public static final int SERVICE_HORIZON_DAYS = 366;

    /** Whether {@code amount} of working time from {@code from} is used up within {@link #SERVICE_HORIZON_DAYS}. */
    public boolean serves(Instant from, Duration amount) {
        return plus(from, amount, SERVICE_HORIZON_DAYS) != null;
    }

    /** Working minutes of the usual week. */
    public long weeklyMinutes() {
        return week.values().stream().flatMap(List::stream).mapToLong(h -> h.to() - h.from()).sum();
    }

    /** {@link #plus(Instant, Duration)} within {@code maxDays}; null when the time is not found in them. */
    private Instant plus(Instant start, Duration amount, int maxDays) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a negative amount of working time: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        if (isAlwaysOpen()) {
            return start.plus(amount);
        }
        Duration left = amount;
        // A day's instants run from its first moment to the next day's first. After a change at midnight that
        // repeats the last hour, an instant of that hour belongs to the next day while its local date is the day
        // before: the walk then starts one day early, which only costs a day without spans after start.
        LocalDate day = LocalDate.ofInstant(start, zone);
        for (int i = 0; i < maxDays; i++, day = day.plusDays(1)) {
            for (Span span : spansOf(day)) {
                Instant from = span.from().isAfter(start) ? span.from() : start;
                if (!from.isBefore(span.to())) {
                    continue;
                }
                Duration here = Duration.between(from, span.to());
                if (here.compareTo(left) >= 0) {
                    return from.plus(left);
                }
                left = left.minus(here);
            }
        }
        return null;
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlwaysOpen()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        // One day further than to's local date: after a change at midnight, to may belong to the next day (above).
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            for (Span span : spansOf(day)) {
                Instant a = span.from().isAfter(from) ? span.from() : from;
                Instant b = span.to().isBefore(to) ? span.to() : to;
                if (a.isBefore(b)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }
}
