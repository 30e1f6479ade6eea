package io.tierdesk.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given the tickets of a week, when the report is made, then the survey's response beside the score. */
class QualityReportSatisfactionTest {
    static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");

    static QualityTicket ticket(int day, Integer closedOnDay, Integer rating, Integer ratedOnDay) {
        Instant opened = MONDAY.plusSeconds(86_400L * day);
        return new QualityTicket(UUID.randomUUID(), "warranty", "email", "L1", "anna", null, opened, false,
                opened.plusSeconds(600), 1, opened.plusSeconds(3_600), "L1", 0,
                closedOnDay == null ? null : MONDAY.plusSeconds(86_400L * closedOnDay), rating,
                ratedOnDay == null ? null : MONDAY.plusSeconds(86_400L * ratedOnDay));
    }

    @Test
    void theResponseRateIsTheShareOfTheTicketsClosedInThePeriodThatTheCustomerRated() {
        QualityReport.Builder builder = new QualityReport.Builder(new QualityReport.Query(MONDAY,
                MONDAY.plusSeconds(7 * 86_400L), null, null, null, null, ZoneOffset.UTC), id -> null,
                MONDAY.plusSeconds(10 * 86_400L));
        builder.ticket(ticket(0, 1, 5, 1));
        builder.ticket(ticket(1, 2, 4, 8));       // rated after the week: a response to its survey all the same
        builder.ticket(ticket(2, 3, null, null)); // surveyed, never answered
        builder.ticket(ticket(3, 4, null, null));
        builder.ticket(ticket(-3, -2, 2, 1));     // closed before the week, rated in it: a rating, not a survey
        builder.ticket(ticket(4, null, null, null)); // resolved, not closed: no survey yet
        QualityReport.Satisfaction s = builder.build().total().satisfaction();
        assertThat(s.count()).as("ratings given in the week").isEqualTo(2);
        assertThat(s.average()).isCloseTo(3.5, within(1e-9));
        assertThat(s.surveyed()).isEqualTo(4);
        assertThat(s.responded()).isEqualTo(2);
        assertThat(s.responseRate()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aPeriodWithoutClosingsHasNoResponseRate() {
        QualityReport.Builder builder = new QualityReport.Builder(new QualityReport.Query(MONDAY,
                MONDAY.plusSeconds(86_400L), null, null, null, null, ZoneOffset.UTC), id -> null, MONDAY);
        builder.ticket(ticket(0, null, null, null));
        assertThat(builder.build().total().satisfaction().responseRate()).isNull();
    }
}
