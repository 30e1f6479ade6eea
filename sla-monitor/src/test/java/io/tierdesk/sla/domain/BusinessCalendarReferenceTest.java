package io.tierdesk.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.sla.domain.BusinessCalendar.Holiday;
import io.tierdesk.sla.domain.BusinessCalendar.Hours;
import io.tierdesk.sla.domain.BusinessCalendar.WorkingDay;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The business-time arithmetic against the minute-by-minute definition, on random calendars in zones with every kind
 * of offset change (DST both ways, 30-minute DST, changes at midnight, offsets of 45 minutes, none at all), random
 * holidays and moved working days, and random starts and targets from minutes to weeks.
 */
class BusinessCalendarReferenceTest {
    static final List<String> ZONES = List.of("Europe/Berlin", "Europe/Moscow", "America/New_York",
            "America/Sao_Paulo", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu",
            "Pacific/Chatham", "Asia/Kolkata", "Africa/Casablanca", "Asia/Gaza", "UTC");
    static final int CALENDARS = 50;
    static final int CASES_PER_CALENDAR = 2_000;
    static final int WINDOW_DAYS = 420;

    @Test
    void theArithmeticAgreesWithTheMinuteByMinuteDefinitionOnAHundredThousandRandomCases() {
        long seed = Long.getLong("tierdesk.sla.seed", 20261130L);
        Random random = new Random(seed);
        int checked = 0;
        for (int c = 0; c < CALENDARS; c++) {
            BusinessCalendar calendar = randomCalendar(random, c);
            LocalDate first = LocalDate.of(2016 + random.nextInt(12), 1 + random.nextInt(12), 1);
            Instant origin = first.atStartOfDay(calendar.zone()).toInstant();
            ReferenceCalendar reference = new ReferenceCalendar(calendar, origin, WINDOW_DAYS * 1440);
            for (int i = 0; i < CASES_PER_CALENDAR; i++) {
                int start = random.nextInt((WINDOW_DAYS - 60) * 1440);
                int target = randomTarget(random);
                int due = reference.plus(start, target);
                String what = "seed " + seed + ", calendar " + calendar + ", start " + reference.at(start)
                        + ", target " + target + " min";
                if (due >= 0) {
                    assertThat(calendar.plus(reference.at(start), Duration.ofMinutes(target))).as(what)
                            .isEqualTo(reference.at(due));
                }
                int end = Math.min(reference.minutes(), start + random.nextInt(40 * 1440));
                assertThat(calendar.between(reference.at(start), reference.at(end))).as(what + ", to " + reference.at(end))
                        .isEqualTo(Duration.ofMinutes(reference.between(start, end)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(CALENDARS * CASES_PER_CALENDAR);
    }

    private static int randomTarget(Random random) {
        int kind = random.nextInt(100);
        if (kind < 3) {
            return 0;
        }
        if (kind < 70) {
            return 1 + random.nextInt(16 * 60);
        }
        if (kind < 95) {
            return 1 + random.nextInt(5 * 8 * 60 * 2);
        }
        return 1 + random.nextInt(8 * 60 * 30);
    }

    static BusinessCalendar randomCalendar(Random random, int n) {
        ZoneId zone = ZoneId.of(ZONES.get(n % ZONES.size()));
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, random.nextInt(4) == 0 ? List.of() : randomHours(random));
        }
        if (week.values().stream().allMatch(List::isEmpty)) {
            week.put(DayOfWeek.MONDAY, randomHours(random));
        }
        List<Holiday> holidays = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            holidays.add(new Holiday(LocalDate.of(2016 + random.nextInt(13), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), "h" + i, random.nextBoolean()));
        }
        List<WorkingDay> workingDays = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            workingDays.add(new WorkingDay(LocalDate.of(2016 + random.nextInt(13), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), "w" + i, random.nextBoolean() ? null : randomHours(random)));
        }
        return new BusinessCalendar("c" + n, 1, "random " + n, zone, week, holidays, workingDays);
    }

    /** One to three separate intervals on a 15-minute grid, sometimes around the clock or up to midnight. */
    static List<Hours> randomHours(Random random) {
        if (random.nextInt(10) == 0) {
            return List.of(new Hours(0, 1440));
        }
        List<Hours> hours = new ArrayList<>();
        int at = random.nextInt(40) * 15;
        for (int i = 1 + random.nextInt(3); i > 0 && at < 1440; i--) {
            int to = Math.min(1440, at + 15 * (1 + random.nextInt(32)));
            hours.add(new Hours(at, to));
            at = to + 15 * (1 + random.nextInt(16));
        }
        return hours;
    }
}
