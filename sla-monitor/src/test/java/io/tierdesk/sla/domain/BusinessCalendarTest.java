package io.tierdesk.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.sla.domain.BusinessCalendar.Holiday;
import io.tierdesk.sla.domain.BusinessCalendar.Hours;
import io.tierdesk.sla.domain.BusinessCalendar.WorkingDay;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Business time by example: each case is one a support team would check by hand. */
class BusinessCalendarTest {
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static BusinessCalendar office(ZoneId zone, List<Hours> hours, List<Holiday> holidays, List<WorkingDay> extra) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, hours);
        }
        return new BusinessCalendar("office", 1, "Office", zone, week, holidays, extra);
    }

    static final List<Hours> NINE_TO_SIX = List.of(new Hours(9 * 60, 18 * 60));

    static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /**
     * Half an hour a week: a long target is not there within the search. Once that threw, and every event of the
     * plan went to the dead-letter topic; now the answer is the end of the search, and {@code serves} says no.
     */
    @Test
    void aSparseCalendarNeverFailsTheArithmeticAndSaysWhatItCannotServe() {
        BusinessCalendar sparse = new BusinessCalendar("sparse", 1, "Sparse", MOSCOW,
                Map.of(DayOfWeek.MONDAY, List.of(new Hours(9 * 60, 9 * 60 + 30))), List.of(), List.of());
        Instant start = at(MOSCOW, "2027-03-01T10:00");
        assertThat(sparse.plus(start, Duration.ofHours(1000)))
                .isEqualTo(start.plus(Duration.ofDays(BusinessCalendar.MAX_DAYS)));
        assertThat(sparse.plus(start, Duration.ofHours(1))).isEqualTo(at(MOSCOW, "2027-03-15T09:30"));
        assertThat(sparse.serves(start, Duration.ofHours(1))).isTrue();
        assertThat(sparse.serves(start, Duration.ofHours(40))).isFalse();
        assertThat(sparse.weeklyMinutes()).isEqualTo(30);
    }

    @Test
    void aTicketOpenedFridayEveningWithEightHoursIsDueMondayAfternoon() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX, List.of(), List.of());
        // 2027-03-05 is a Friday: 30 minutes on Friday, 7 h 30 min on Monday.
        assertThat(calendar.plus(at(MOSCOW, "2027-03-05T17:30"), Duration.ofHours(8)))
                .isEqualTo(at(MOSCOW, "2027-03-08T16:30"));
    }

    @Test
    void nightsAndWeekendsDoNotCountAndAStartOutsideHoursWaitsForTheMorning() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX, List.of(), List.of());
        assertThat(calendar.plus(at(MOSCOW, "2027-03-06T12:00"), Duration.ofHours(1)))
                .as("Saturday noon").isEqualTo(at(MOSCOW, "2027-03-08T10:00"));
        assertThat(calendar.plus(at(MOSCOW, "2027-03-09T22:00"), Duration.ofMinutes(30)))
                .isEqualTo(at(MOSCOW, "2027-03-10T09:30"));
        assertThat(calendar.between(at(MOSCOW, "2027-03-05T17:00"), at(MOSCOW, "2027-03-08T10:00")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aTargetUsedUpExactlyAtClosingIsDueAtClosingNotNextMorning() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX, List.of(), List.of());
        assertThat(calendar.plus(at(MOSCOW, "2027-03-09T09:00"), Duration.ofHours(9)))
                .isEqualTo(at(MOSCOW, "2027-03-09T18:00"));
    }

    @Test
    void twoIntervalsADayLeaveLunchOut() {
        BusinessCalendar calendar = office(MOSCOW, List.of(new Hours(9 * 60, 13 * 60), new Hours(14 * 60, 18 * 60)),
                List.of(), List.of());
        assertThat(calendar.plus(at(MOSCOW, "2027-03-09T12:00"), Duration.ofHours(2)))
                .isEqualTo(at(MOSCOW, "2027-03-09T15:00"));
    }

    @Test
    void holidaysOnceOrEveryYearAndAMovedWorkingDay() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX,
                List.of(new Holiday(LocalDate.of(2020, 1, 7), "Рождество", true),
                        new Holiday(LocalDate.of(2027, 11, 4), "День народного единства", false)),
                List.of(new WorkingDay(LocalDate.of(2027, 11, 6), "перенос", null)));
        // Thursday 2027-01-07 is Christmas every year: from Wednesday 17:00, one hour is due Friday 10:00.
        assertThat(calendar.plus(at(MOSCOW, "2027-01-06T17:00"), Duration.ofHours(2)))
                .isEqualTo(at(MOSCOW, "2027-01-08T10:00"));
        // 2027-11-04 (Thursday) off, Saturday 2027-11-06 worked by decree with the usual hours.
        assertThat(calendar.plus(at(MOSCOW, "2027-11-03T17:00"), Duration.ofHours(10)))
                .isEqualTo(at(MOSCOW, "2027-11-05T18:00"));
        assertThat(calendar.plus(at(MOSCOW, "2027-11-03T17:00"), Duration.ofHours(11)))
                .isEqualTo(at(MOSCOW, "2027-11-06T10:00"));
    }

    @Test
    void berlinAroundTheClockCountsTheRealHoursOfBothDstChanges() {
        BusinessCalendar allDay = new BusinessCalendar("berlin", 1, "Berlin", BERLIN, Map.of(
                DayOfWeek.SUNDAY, List.of(new Hours(0, 1440))), List.of(), List.of());
        // 2027-03-28: clocks go from 02:00 to 03:00; the day has 23 hours.
        assertThat(allDay.between(at(BERLIN, "2027-03-28T00:00"), at(BERLIN, "2027-03-29T00:00")))
                .isEqualTo(Duration.ofHours(23));
        assertThat(allDay.plus(at(BERLIN, "2027-03-28T01:00"), Duration.ofHours(2)))
                .isEqualTo(at(BERLIN, "2027-03-28T04:00"));
        // 2027-10-31: 03:00 back to 02:00; the day has 25 hours.
        assertThat(allDay.between(at(BERLIN, "2027-10-31T00:00"), at(BERLIN, "2027-11-01T00:00")))
                .isEqualTo(Duration.ofHours(25));
        assertThat(allDay.plus(at(BERLIN, "2027-10-31T01:00"), Duration.ofHours(3)))
                .isEqualTo(at(BERLIN, "2027-10-31T03:00"));
    }

    @Test
    void officeHoursKeepTheirLocalTimesAcrossDst() {
        BusinessCalendar calendar = office(BERLIN, NINE_TO_SIX, List.of(), List.of());
        // Friday before the spring change to Monday after: 9 working hours from 09:00 Friday is 18:00 Friday; 10 is
        // 10:00 Monday local (now UTC+2 instead of +1).
        assertThat(calendar.plus(at(BERLIN, "2027-03-26T09:00"), Duration.ofHours(10)))
                .isEqualTo(at(BERLIN, "2027-03-29T10:00"));
    }

    @Test
    void moscowHasNoDstAndTwentyFourSevenCountsEverySecond() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX, List.of(), List.of());
        assertThat(calendar.between(at(MOSCOW, "2027-03-22T00:00"), at(MOSCOW, "2027-04-05T00:00")))
                .isEqualTo(Duration.ofHours(90));
        BusinessCalendar always = BusinessCalendar.alwaysOpen();
        Instant start = Instant.parse("2027-03-28T00:30:00Z");
        assertThat(always.plus(start, Duration.ofHours(4))).isEqualTo(start.plus(Duration.ofHours(4)));
        assertThat(always.between(start, start.plusSeconds(61))).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void aLongTargetSpansWeeks() {
        BusinessCalendar calendar = office(MOSCOW, NINE_TO_SIX, List.of(), List.of());
        // 120 working hours = 13 full days and 3 hours: from Monday 09:00, due on the third Thursday at 12:00.
        assertThat(calendar.plus(at(MOSCOW, "2027-03-01T09:00"), Duration.ofHours(120)))
                .isEqualTo(at(MOSCOW, "2027-03-18T12:00"));
    }
}
