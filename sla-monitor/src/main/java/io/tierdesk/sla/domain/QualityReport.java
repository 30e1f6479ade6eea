package io.tierdesk.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The quality figures of a period, as docs/sla-monitor.md defines each of them. Plain arithmetic over what the
 * projection holds; each figure is counted at its own moment (an opening when it was opened, a resolution when it
 * was resolved), and a group of {@code day} or {@code week} is that moment's date in the report's zone.
 */
public record QualityReport(Instant from, Instant to, String zone, GroupBy groupBy, String plan, String tier,
        String channel, Figures total, List<Group> groups, Instant asOf, List<Backlog> backlog, Norm resolvedAtL1Norm) {

    /** What the seed documents expect the first line to solve on its own. */
    public static final Norm L1_NORM = new Norm(0.70, 0.80);
    public static final List<String> TIERS = List.of("L1", "L2", "L3", "L4");
    public static final List<String> CLOCKS = List.of("first-response", "next-reply", "resolution");
    /** Upper bounds of the backlog's age buckets, in days; the last bucket has none. */
    static final List<String> AGES = List.of("under-1d", "1d-3d", "3d-7d", "over-7d");
    /** A group for tickets that no agent resolved or was assigned. */
    public static final String NO_AGENT = "(none)";

    public enum GroupBy {
        DAY, WEEK, PLAN, TIER, CHANNEL, AGENT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Norm(double from, double to) {
    }

    /** What is asked: the period [from, to), optional filters on plan, current tier and channel, and a grouping. */
    public record Query(Instant from, Instant to, String plan, String tier, String channel, GroupBy groupBy,
            ZoneId zone) {
        public Query {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(zone);
        }

        boolean within(Instant at) {
            return at != null && !at.isBefore(from) && at.isBefore(to);
        }

        boolean admits(QualityTicket t) {
            return (plan == null || plan.equals(t.plan())) && (tier == null || tier.equals(t.tier()))
                    && (channel == null || channel.equals(t.channel()));
        }
    }

    /** Durations over a set of tickets, nearest-rank percentiles, in wall time and in the tickets' working time. */
    public record Times(int count, Duration p50, Duration p90, Duration businessP50, Duration businessP90) {
    }

    public record Share(long count, Double share) {
    }

    public record Escalations(String from, String to, long count) {
    }

    public record Compliance(long met, long breached, Double compliance) {
    }

    public record Satisfaction(long count, Double average, Map<Integer, Long> distribution) {
    }

    public record Figures(long opened, long resolved, long closed, long reopened, Double shareResolved,
            Times firstResponse, Times resolution, Share oneTouch, Double reopenRate, Double repeatContactRate,
            Share resolvedAtL1, List<Escalations> escalations, Map<String, Compliance> sla,
            Satisfaction satisfaction) {
    }

    public record Group(String key, Figures figures) {
    }

    /** The tickets open as the report is made, on one line, by age since opening. */
    public record Backlog(String tier, long open, Map<String, Long> ages) {
    }

    public static QualityReport of(Query query, List<QualityTicket> tickets, List<QualityFact> facts,
            Function<String, BusinessCalendar> calendars, Instant now) {
        Map<UUID, QualityTicket> admitted = tickets.stream().filter(query::admits)
                .collect(Collectors.toMap(QualityTicket::ticketId, t -> t, (a, b) -> a, LinkedHashMap::new));
        Tally total = new Tally();
        Map<String, Tally> groups = new TreeMap<>();
        for (QualityTicket t : admitted.values()) {
            if (query.within(t.openedAt())) {
                tallies(query, groups, total, t, t.openedAt()).forEach(tally -> tally.opened.add(t));
            }
            if (query.within(t.resolvedAt())) {
                tallies(query, groups, total, t, t.resolvedAt()).forEach(tally -> tally.resolved.add(t));
            }
            if (query.within(t.closedAt())) {
                tallies(query, groups, total, t, t.closedAt()).forEach(tally -> tally.closed++);
            }
            if (t.rating() != null && query.within(t.ratedAt())) {
                tallies(query, groups, total, t, t.ratedAt()).forEach(tally -> tally.ratings.add(t.rating()));
            }
        }
        for (QualityFact f : facts) {
            QualityTicket t = admitted.get(f.ticketId());
            if (t != null && query.within(f.at())) {
                tallies(query, groups, total, t, f.at()).forEach(tally -> tally.facts.add(f));
            }
        }
        List<Group> grouped = query.groupBy() == null ? List.of() : groups.entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getValue().figures(calendars))).toList();
        return new QualityReport(query.from(), query.to(), query.zone().getId(), query.groupBy(), query.plan(),
                query.tier(), query.channel(), total.figures(calendars), grouped, now, backlog(admitted.values(), now),
                L1_NORM);
    }

    private static List<Tally> tallies(Query query, Map<String, Tally> groups, Tally total, QualityTicket t,
            Instant at) {
        if (query.groupBy() == null) {
            return List.of(total);
        }
        String key = switch (query.groupBy()) {
            case DAY -> LocalDate.ofInstant(at, query.zone()).toString();
            case WEEK -> LocalDate.ofInstant(at, query.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toString();
            case PLAN -> t.plan();
            case TIER -> t.tier();
            case CHANNEL -> t.channel();
            case AGENT -> t.agent() == null ? NO_AGENT : t.agent();
        };
        return List.of(total, groups.computeIfAbsent(Objects.requireNonNullElse(key, "(unknown)"), k -> new Tally()));
    }

    private static List<Backlog> backlog(java.util.Collection<QualityTicket> tickets, Instant now) {
        List<Backlog> lines = new ArrayList<>();
        for (String tier : TIERS) {
            Map<String, Long> ages = new LinkedHashMap<>();
            AGES.forEach(a -> ages.put(a, 0L));
            long open = 0;
            for (QualityTicket t : tickets) {
                if (t.open() && tier.equals(t.tier())) {
                    open++;
                    ages.merge(ageBucket(Duration.between(t.openedAt(), now)), 1L, Long::sum);
                }
            }
            lines.add(new Backlog(tier, open, ages));
        }
        return lines;
    }

    static String ageBucket(Duration age) {
        if (age.compareTo(Duration.ofDays(1)) < 0) {
            return AGES.get(0);
        }
        if (age.compareTo(Duration.ofDays(3)) < 0) {
            return AGES.get(1);
        }
        return age.compareTo(Duration.ofDays(7)) < 0 ? AGES.get(2) : AGES.get(3);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    static Duration percentile(List<Duration> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** What falls into one group (or the total) before it becomes figures. */
    private static final class Tally {
        final List<QualityTicket> opened = new ArrayList<>();
        final List<QualityTicket> resolved = new ArrayList<>();
        long closed;
        final List<Integer> ratings = new ArrayList<>();
        final List<QualityFact> facts = new ArrayList<>();

        Figures figures(Function<String, BusinessCalendar> calendars) {
            long resolvedOf = opened.stream().filter(t -> t.resolvedAt() != null).count();
            long oneTouch = resolved.stream().filter(QualityTicket::oneTouch).count();
            long reopenedResolved = resolved.stream().filter(t -> t.reopens() > 0).count();
            long repeats = opened.stream().filter(QualityTicket::repeat).count();
            long atL1 = resolved.stream().filter(t -> "L1".equals(t.resolvedTier())).count();
            return new Figures(opened.size(), resolved.size(), closed,
                    facts.stream().filter(f -> f.kind() == QualityFact.Kind.REOPENED).count(),
                    share(resolvedOf, opened.size()),
                    times(opened.stream().filter(t -> t.firstResponseAt() != null).toList(),
                            QualityTicket::firstResponseAt, calendars),
                    times(resolved, QualityTicket::resolvedAt, calendars),
                    new Share(oneTouch, share(oneTouch, resolved.size())),
                    share(reopenedResolved, resolved.size()), share(repeats, opened.size()),
                    new Share(atL1, share(atL1, resolved.size())), escalations(), sla(), satisfaction());
        }

        private static Times times(List<QualityTicket> tickets, Function<QualityTicket, Instant> end,
                Function<String, BusinessCalendar> calendars) {
            List<Duration> wall = new ArrayList<>();
            List<Duration> business = new ArrayList<>();
            for (QualityTicket t : tickets) {
                wall.add(Duration.between(t.openedAt(), end.apply(t)));
                BusinessCalendar calendar = t.calendar() == null ? null : calendars.apply(t.calendar());
                business.add((calendar == null ? BusinessCalendar.alwaysOpen() : calendar).between(t.openedAt(),
                        end.apply(t)));
            }
            return new Times(tickets.size(), percentile(wall, 0.5), percentile(wall, 0.9),
                    percentile(business, 0.5), percentile(business, 0.9));
        }

        private List<Escalations> escalations() {
            return facts.stream().filter(f -> f.kind() == QualityFact.Kind.ESCALATED)
                    .collect(Collectors.groupingBy(QualityFact::detail, TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> {
                        String[] pair = e.getKey().split(">", 2);
                        return new Escalations(pair[0], pair[1], e.getValue());
                    }).sorted(Comparator.comparing(Escalations::from).thenComparing(Escalations::to)).toList();
        }

        private Map<String, Compliance> sla() {
            Map<String, Compliance> clocks = new LinkedHashMap<>();
            for (String clock : CLOCKS) {
                long met = facts.stream().filter(f -> f.kind() == QualityFact.Kind.SLA_MET
                        && clock.equals(f.detail())).count();
                long breached = facts.stream().filter(f -> f.kind() == QualityFact.Kind.SLA_BREACHED
                        && clock.equals(f.detail())).count();
                clocks.put(clock, new Compliance(met, breached, share(met, met + breached)));
            }
            return clocks;
        }

        private Satisfaction satisfaction() {
            Map<Integer, Long> distribution = new LinkedHashMap<>();
            for (int score = 1; score <= 5; score++) {
                int s = score;
                distribution.put(score, ratings.stream().filter(r -> r == s).count());
            }
            return new Satisfaction(ratings.size(), ratings.isEmpty() ? null
                    : ratings.stream().mapToInt(Integer::intValue).average().orElseThrow(), distribution);
        }
    }
}
