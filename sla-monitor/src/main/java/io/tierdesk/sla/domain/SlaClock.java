package io.tierdesk.sla.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One clock of a ticket, as the stretches it ran: its due time is where the runs, in working time of the calendar,
 * add up to the target. Keeping the runs (not a running total) lets a new target re-time the clock from its start,
 * and a pause move the due time by exactly the pause.
 *
 * @param runs       when the clock ran; the last one is open ({@code to} null) while it runs
 * @param warned     the thresholds already announced, in the order they went out
 * @param breachedAt when the breach was announced; a breached clock is not announced again
 * @param metAt      when it was met (cleared if a reopening runs it again)
 * @param stoppedAt  when the ticket closed without the clock met or breached
 */
public record SlaClock(ClockKind kind, Duration target, List<Run> runs, List<Warning> warned, Instant breachedAt,
        Instant metAt, Instant stoppedAt) {
    public record Run(Instant from, Instant to) {
    }

    /** A threshold that went out: due at {@code dueAt}, announced at {@code at} (later after downtime). */
    public record Warning(double threshold, Instant dueAt, Instant at) {
    }

    public enum State {
        RUNNING, PAUSED, MET, BREACHED, STOPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SlaClock {
        runs = List.copyOf(runs);
        warned = List.copyOf(warned);
    }

    public static SlaClock started(ClockKind kind, Duration target, Instant at) {
        return new SlaClock(kind, target, List.of(new Run(at, null)), List.of(), null, null, null);
    }

    public State state() {
        if (breachedAt != null) {
            return State.BREACHED;
        }
        if (metAt != null) {
            return State.MET;
        }
        if (stoppedAt != null) {
            return State.STOPPED;
        }
        return running() ? State.RUNNING : State.PAUSED;
    }

    public boolean running() {
        return !runs.isEmpty() && runs.get(runs.size() - 1).to() == null && metAt == null && stoppedAt == null;
    }

    /** Whether the clock still counts towards its target: running or paused, neither met nor stopped. */
    public boolean open() {
        return metAt == null && stoppedAt == null;
    }

    public Instant startedAt() {
        return runs.get(0).from();
    }

    /** Working time the clock has run up to {@code now}. */
    public Duration elapsed(BusinessCalendar calendar, Instant now) {
        Duration total = Duration.ZERO;
        for (Run run : runs) {
            Instant end = run.to() != null ? run.to() : now;
            total = total.plus(calendar.between(run.from(), end.isBefore(now) ? end : now));
        }
        return total;
    }

    /**
     * Where the runs reach {@code fraction} of the target: inside a past run when a new target puts it there, after
     * the open run's start otherwise; null while paused short of it.
     */
    public Instant dueAt(BusinessCalendar calendar, double fraction) {
        Duration left = fraction == 1.0 ? target : Duration.ofNanos(Math.round(target.toNanos() * fraction));
        for (Run run : runs) {
            if (run.to() == null) {
                return calendar.plus(run.from(), left);
            }
            Duration here = calendar.between(run.from(), run.to());
            if (here.compareTo(left) >= 0) {
                return calendar.plus(run.from(), left);
            }
            left = left.minus(here);
        }
        return null;
    }

    public Instant dueAt(BusinessCalendar calendar) {
        return dueAt(calendar, 1.0);
    }

    public boolean warnedAt(double threshold) {
        return warned.stream().anyMatch(w -> w.threshold() == threshold);
    }

    SlaClock paused(Instant at) {
        if (!running()) {
            return this;
        }
        List<Run> next = new ArrayList<>(runs);
        Run open = next.remove(next.size() - 1);
        next.add(new Run(open.from(), at.isBefore(open.from()) ? open.from() : at));
        return new SlaClock(kind, target, next, warned, breachedAt, metAt, stoppedAt);
    }

    SlaClock resumed(Instant at) {
        if (running() || !open()) {
            return this;
        }
        List<Run> next = new ArrayList<>(runs);
        Instant lastEnd = next.get(next.size() - 1).to();
        next.add(new Run(at.isBefore(lastEnd) ? lastEnd : at, null));
        return new SlaClock(kind, target, next, warned, breachedAt, metAt, stoppedAt);
    }

    SlaClock met(Instant at) {
        SlaClock paused = paused(at);
        return new SlaClock(kind, target, paused.runs, warned, breachedAt, at, stoppedAt);
    }

    /** Runs again after a reopening: no longer met, its elapsed time kept. */
    SlaClock reopened(Instant at) {
        SlaClock again = new SlaClock(kind, target, runs, warned, breachedAt, null, null);
        return again.resumed(at);
    }

    SlaClock stopped(Instant at) {
        SlaClock paused = paused(at);
        return new SlaClock(kind, target, paused.runs, warned, breachedAt, metAt, metAt == null ? at : null);
    }

    SlaClock retargeted(Duration newTarget) {
        return new SlaClock(kind, newTarget, runs, warned, breachedAt, metAt, stoppedAt);
    }

    SlaClock warned(Warning warning) {
        List<Warning> next = new ArrayList<>(warned);
        next.add(warning);
        return new SlaClock(kind, target, runs, next, breachedAt, metAt, stoppedAt);
    }

    SlaClock breached(Instant at) {
        return new SlaClock(kind, target, runs, warned, at, metAt, stoppedAt);
    }

    /** The pauses: the gaps between runs. */
    public List<Run> pauses() {
        List<Run> gaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(new Run(runs.get(i - 1).to(), runs.get(i).from()));
        }
        if (!runs.isEmpty() && runs.get(runs.size() - 1).to() != null && open()) {
            gaps.add(new Run(runs.get(runs.size() - 1).to(), null));
        }
        return gaps;
    }
}
