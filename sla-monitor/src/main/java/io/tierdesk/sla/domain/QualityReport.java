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
import java.util.Arrays;
import java.util.Locale;

/**
 * The quality figures of a period, as docs/sla-monitor.md defines each of them. Plain arithmetic over what the
 * projection holds; each figure is counted at its own moment (an opening when it was opened, a resolution when it
 * was resolved), and a group of {@code day} or {@code week} is that moment's date in the report's zone.
 */
public record QualityReport(Instant from, Instant to, String zone, GroupBy groupBy, String plan, String tier,
        String channel, Figures total, List<Group> groups, Instant asOf, List<Backlog> backlog, Norm resolvedAtL1Norm,
        List<VendorFigures> vendors) {

    /**
     * One vendor's cases opened in the period: answered and resolved (by its updates), the median elapsed time from
     * the escalation to each, its clocks breached, and the cases returned from L4.
     */
    public record VendorFigures(String vendor, long cases, long answered, Duration responseP50, long resolved,
            Duration resolutionP50, long responseBreaches, long resolutionBreaches, long returned) {
    }

    /** The same report with the vendors' figures. */
    public QualityReport withVendors(List<VendorFigures> figures) {
        return new QualityReport(from, to, zone, groupBy, plan, tier, channel, total, groups, asOf, backlog,
                resolvedAtL1Norm, List.copyOf(figures));
    }

    /** What the seed documents expect the first line to solve on its own. */
    public static final Norm L1_NORM = new Norm(0.70, 0.80);
    public static final List<String> TIERS = List.of("L1", "L2", "L3", "L4");
    public static final List<String> CLOCKS = List.of("first-response", "next-reply", "resolution", "on-site");
    /** Upper bounds of the backlog's age buckets, in days; the last bucket has none. */
    static final List<String> AGES = List.of("under-1d", "1d-3d", "3d-7d", "over-7d");
    /** A group for tickets that no agent resolved or was assigned. */
    public static final String NO_AGENT = "(none)";

    public enum GroupBy {
        DAY, WEEK, PLAN, TIER, CHANNEL, AGENT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
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

    /**
     * The ratings given in the period, and the survey's response: of the tickets closed in the period (each closing
     * sends the survey), how many the customer rated.
     */
    public record Satisfaction(long count, Double average, Map<Integer, Long> distribution, long surveyed,
            long responded, Double responseRate) {
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

    /** The report of tickets and facts held in memory: what {@link Builder} makes of them one by one. */
    public static QualityReport of(Query query, List<QualityTicket> tickets, List<QualityFact> facts,
            Function<String, BusinessCalendar> calendars, Instant now) {
        Builder builder = new Builder(query, calendars, now);
        Map<UUID, QualityTicket> admitted = new LinkedHashMap<>();
        for (QualityTicket t : tickets) {
            if (query.admits(t) && admitted.putIfAbsent(t.ticketId(), t) == null) {
                builder.ticket(t);
            }
        }
        for (QualityFact f : facts) {
            QualityTicket t = admitted.get(f.ticketId());
            if (t != null && query.within(f.at())) {
                builder.facts(key(query, t, f.at()), f.kind(), f.detail(), 1);
            }
        }
        return builder.build();
    }

    /**
     * Builds a report from tickets given one at a time and facts given already counted, keeping counters and the
     * durations the percentiles need (two longs per ticket and time) rather than the tickets: a year of tickets is
     * read page by page, and the facts are counted by the database.
     */
    public static final class Builder {
        private final Query query;
        private final Function<String, BusinessCalendar> calendars;
        private final Instant now;
        private final Tally total = new Tally();
        private final Map<String, Tally> groups = new TreeMap<>();
        private final Map<String, long[]> backlog = new LinkedHashMap<>();

        public Builder(Query query, Function<String, BusinessCalendar> calendars, Instant now) {
            this.query = query;
            this.calendars = calendars;
            this.now = now;
            for (String tier : TIERS) {
                backlog.put(tier, new long[1 + AGES.size()]);
            }
        }

        /** One ticket the query admits, given once. */
        public void ticket(QualityTicket t) {
            if (!query.admits(t)) {
                return;
            }
            if (query.within(t.openedAt())) {
                Duration firstResponse = t.firstResponseAt() == null ? null : Duration.between(t.openedAt(),
                        t.firstResponseAt());
                Duration firstResponseBusiness = t.firstResponseAt() == null ? null : business(t, t.firstResponseAt());
                tallies(t.openedAt(), t).forEach(tally -> tally.opened(t, firstResponse, firstResponseBusiness));
            }
            if (query.within(t.resolvedAt())) {
                Duration resolution = Duration.between(t.openedAt(), t.resolvedAt());
                Duration resolutionBusiness = business(t, t.resolvedAt());
                tallies(t.resolvedAt(), t).forEach(tally -> tally.resolved(t, resolution, resolutionBusiness));
            }
            if (query.within(t.closedAt())) {
                tallies(t.closedAt(), t).forEach(tally -> tally.closed(t.rating() != null));
            }
            if (t.rating() != null && query.within(t.ratedAt())) {
                tallies(t.ratedAt(), t).forEach(tally -> tally.rated(t.rating()));
            }
            long[] line = t.open() ? backlog.get(t.tier()) : null;
            if (line != null) {
                line[0]++;
                line[1 + AGES.indexOf(ageBucket(Duration.between(t.openedAt(), now)))]++;
            }
        }

        /**
         * {@code count} facts of one kind and detail in the period, of admitted tickets, under a group key
         * ({@link #key}; ignored without a grouping).
         */
        public void facts(String key, QualityFact.Kind kind, String detail, long count) {
            total.facts(kind, detail, count);
            if (query.groupBy() != null) {
                groups.computeIfAbsent(Objects.requireNonNullElse(key, "(unknown)"), k -> new Tally())
                        .facts(kind, detail, count);
            }
        }

        public QualityReport build() {
            List<Group> grouped = query.groupBy() == null ? List.of() : groups.entrySet().stream()
                    .map(e -> new Group(e.getKey(), e.getValue().figures())).toList();
            List<Backlog> lines = new ArrayList<>();
            backlog.forEach((tier, counts) -> {
                Map<String, Long> ages = new LinkedHashMap<>();
                for (int i = 0; i < AGES.size(); i++) {
                    ages.put(AGES.get(i), counts[1 + i]);
                }
                lines.add(new Backlog(tier, counts[0], ages));
            });
            return new QualityReport(query.from(), query.to(), query.zone().getId(), query.groupBy(), query.plan(),
                    query.tier(), query.channel(), total.figures(), grouped, now, lines, L1_NORM, List.of());
        }

        private Duration business(QualityTicket t, Instant end) {
            BusinessCalendar calendar = t.calendar() == null ? null : calendars.apply(t.calendar());
            return (calendar == null ? BusinessCalendar.alwaysOpen() : calendar).between(t.openedAt(), end);
        }

        private List<Tally> tallies(Instant at, QualityTicket t) {
            if (query.groupBy() == null) {
                return List.of(total);
            }
            return List.of(total, groups.computeIfAbsent(Objects.requireNonNullElse(key(query, t, at), "(unknown)"),
                    k -> new Tally()));
        }
    }

    /** The group a ticket's moment falls in: its date or week in the report's zone, or one of the ticket's own. */
    static String key(Query query, QualityTicket t, Instant at) {
        if (query.groupBy() == null) {
            return null;
        }
        return switch (query.groupBy()) {
            case DAY -> LocalDate.ofInstant(at, query.zone()).toString();
            case WEEK -> LocalDate.ofInstant(at, query.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toString();
            case PLAN -> t.plan();
            case TIER -> t.tier();
            case CHANNEL -> t.channel();
            case AGENT -> t.agent() == null ? NO_AGENT : t.agent();
        };
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
        Durations all = new Durations();
        values.forEach(all::add);
        return all.percentile(p);
    }

    /** Durations as nanoseconds in a growing array: what a percentile needs, without an object per value. */
    static final class Durations {
        private long[] nanos = new long[16];
        private int size;
        private boolean sorted = true;

        void add(Duration d) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = d.toNanos();
            sorted = false;
        }

        int size() {
            return size;
        }

        Duration percentile(double p) {
            if (size == 0) {
                return null;
            }
            if (!sorted) {
                Arrays.sort(nanos, 0, size);
                sorted = true;
            }
            int rank = (int) Math.ceil(p * size);
            return Duration.ofNanos(nanos[Math.max(rank, 1) - 1]);
        }
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** What falls into one group (or the total) before it becomes figures: counters and durations only. */
    private static final class Tally {
        long opened;
        long resolvedOf;
        long repeats;
        final Durations firstResponse = new Durations();
        final Durations firstResponseBusiness = new Durations();
        long resolved;
        long oneTouch;
        long reopenedResolved;
        long atL1;
        final Durations resolution = new Durations();
        final Durations resolutionBusiness = new Durations();
        long closed;
        long responded;
        final long[] ratings = new long[6];

        void closed(boolean rated) {
            closed++;
            if (rated) {
                responded++;
            }
        }
        long reopened;
        final Map<String, Long> escalations = new TreeMap<>();
        final Map<String, long[]> sla = new LinkedHashMap<>();

        void opened(QualityTicket t, Duration toFirstResponse, Duration toFirstResponseBusiness) {
            opened++;
            resolvedOf += t.resolvedAt() != null ? 1 : 0;
            repeats += t.repeat() ? 1 : 0;
            if (toFirstResponse != null) {
                firstResponse.add(toFirstResponse);
                firstResponseBusiness.add(toFirstResponseBusiness);
            }
        }

        void resolved(QualityTicket t, Duration toResolution, Duration toResolutionBusiness) {
            resolved++;
            oneTouch += t.oneTouch() ? 1 : 0;
            reopenedResolved += t.reopens() > 0 ? 1 : 0;
            atL1 += "L1".equals(t.resolvedTier()) ? 1 : 0;
            resolution.add(toResolution);
            resolutionBusiness.add(toResolutionBusiness);
        }

        void rated(int rating) {
            if (rating >= 1 && rating <= 5) {
                ratings[rating]++;
            }
        }

        void facts(QualityFact.Kind kind, String detail, long count) {
            switch (kind) {
                case REOPENED -> reopened += count;
                case ESCALATED -> escalations.merge(detail, count, Long::sum);
                case SLA_MET -> sla.computeIfAbsent(detail, k -> new long[2])[0] += count;
                case SLA_BREACHED -> sla.computeIfAbsent(detail, k -> new long[2])[1] += count;
            }
        }

        Figures figures() {
            return new Figures(opened, resolved, closed, reopened, share(resolvedOf, opened),
                    times(firstResponse, firstResponseBusiness), times(resolution, resolutionBusiness),
                    new Share(oneTouch, share(oneTouch, resolved)), share(reopenedResolved, resolved),
                    share(repeats, opened), new Share(atL1, share(atL1, resolved)), escalations(), sla(),
                    satisfaction());
        }

        private static Times times(Durations wall, Durations business) {
            return new Times(wall.size(), wall.percentile(0.5), wall.percentile(0.9), business.percentile(0.5),
                    business.percentile(0.9));
        }

        private List<Escalations> escalations() {
            return escalations.entrySet().stream().map(e -> {
                String[] pair = e.getKey().split(">", 2);
                return new Escalations(pair[0], pair.length > 1 ? pair[1] : "", e.getValue());
            }).sorted(Comparator.comparing(Escalations::from).thenComparing(Escalations::to)).toList();
        }

        private Map<String, Compliance> sla() {
            Map<String, Compliance> clocks = new LinkedHashMap<>();
            for (String clock : CLOCKS) {
                long[] counts = sla.getOrDefault(clock, new long[2]);
                clocks.put(clock, new Compliance(counts[0], counts[1], share(counts[0], counts[0] + counts[1])));
            }
            return clocks;
        }

        private Satisfaction satisfaction() {
            Map<Integer, Long> distribution = new LinkedHashMap<>();
            long count = 0;
            long sum = 0;
            for (int score = 1; score <= 5; score++) {
                distribution.put(score, ratings[score]);
                count += ratings[score];
                sum += score * ratings[score];
            }
            return new Satisfaction(count, count == 0 ? null : (double) sum / count, distribution, closed, responded,
                    closed == 0 ? null : (double) responded / closed);
        }
    }
}
