package io.tierdesk.sla.api;

import io.tierdesk.sla.domain.QualityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The quality report as CSV (RFC 4180): a row per group and a last row {@code total}; durations in seconds, shares
 * as fractions, an empty cell where a figure has nothing to count. The backlog is a snapshot, not a figure of the
 * period, and stays in the JSON.
 */
final class QualityCsv {
    private QualityCsv() {
    }

    static String of(QualityReport report) {
        List<String> header = new ArrayList<>(List.of("group", "opened", "resolved", "closed", "reopened",
                "share_resolved", "first_response_count", "first_response_p50_s", "first_response_p90_s",
                "first_response_business_p50_s", "first_response_business_p90_s", "resolution_count",
                "resolution_p50_s", "resolution_p90_s", "resolution_business_p50_s", "resolution_business_p90_s",
                "one_touch", "one_touch_share", "reopen_rate", "repeat_contact_rate", "resolved_at_l1",
                "resolved_at_l1_share"));
        for (String clock : QualityReport.CLOCKS) {
            String c = clock.replace('-', '_');
            header.addAll(List.of("sla_" + c + "_met", "sla_" + c + "_breached", "sla_" + c + "_compliance"));
        }
        header.addAll(List.of("satisfaction_count", "satisfaction_average", "satisfaction_1", "satisfaction_2",
                "satisfaction_3", "satisfaction_4", "satisfaction_5", "survey_response_rate", "escalations"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
        for (QualityReport.Group group : report.groups()) {
            row(csv, group.key(), group.figures());
        }
        row(csv, "total", report.total());
        return csv.toString();
    }

    private static void row(StringBuilder csv, String group, QualityReport.Figures f) {
        List<Object> cells = new ArrayList<>(List.of(quote(group), f.opened(), f.resolved(), f.closed(),
                f.reopened(), cell(f.shareResolved())));
        times(cells, f.firstResponse());
        times(cells, f.resolution());
        cells.addAll(List.of(f.oneTouch().count(), cell(f.oneTouch().share()), cell(f.reopenRate()),
                cell(f.repeatContactRate()), f.resolvedAtL1().count(), cell(f.resolvedAtL1().share())));
        for (String clock : QualityReport.CLOCKS) {
            QualityReport.Compliance c = f.sla().get(clock);
            cells.addAll(List.of(c.met(), c.breached(), cell(c.compliance())));
        }
        cells.add(f.satisfaction().count());
        cells.add(cell(f.satisfaction().average()));
        f.satisfaction().distribution().values().forEach(cells::add);
        cells.add(cell(f.satisfaction().responseRate()));
        cells.add(quote(f.escalations().stream().map(e -> e.from() + ">" + e.to() + ":" + e.count())
                .collect(Collectors.joining(" "))));
        csv.append(cells.stream().map(String::valueOf).collect(Collectors.joining(","))).append("\r\n");
    }

    private static void times(List<Object> cells, QualityReport.Times t) {
        cells.addAll(List.of(t.count(), cell(t.p50()), cell(t.p90()), cell(t.businessP50()), cell(t.businessP90())));
    }

    private static String cell(Double value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String cell(Duration value) {
        return value == null ? "" : String.valueOf(value.toSeconds());
    }

    /** Groups are agents' ids and dates: quoted so that a comma or quote in an id cannot shift the columns. */
    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
