package io.tierdesk.sla.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.sla.domain.BusinessCalendar;
import io.tierdesk.sla.domain.CalendarDraft;
import io.tierdesk.sla.domain.PolicyDraft;
import io.tierdesk.sla.domain.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.sla.domain.ClockKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Calendars and policies: every change a new version, the highest in force. Stored as the drafts people wrote
 * (already checked), read back through the same checks.
 */
@ApplicationScoped
public class SlaSettings {
    private static final String CALENDARS = """
            SELECT DISTINCT ON (id) id, version, CAST(body AS text) AS body FROM calendar
            ORDER BY id, version DESC""";
    private static final String CALENDAR = """
            SELECT id, version, CAST(body AS text) AS body FROM calendar WHERE id = ?1
            ORDER BY version DESC LIMIT 1""";
    private static final String POLICIES = """
            SELECT DISTINCT ON (plan) plan, version, CAST(body AS text) AS body FROM policy
            ORDER BY plan, version DESC""";
    private static final String POLICY = """
            SELECT plan, version, CAST(body AS text) AS body FROM policy WHERE plan = ?1
            ORDER BY version DESC LIMIT 1""";

    public Uni<Optional<BusinessCalendar>> calendar(Mutiny.Session session, String id) {
        if (BusinessCalendar.ALWAYS.equals(id)) {
            return Uni.createFrom().item(Optional.of(BusinessCalendar.alwaysOpen()));
        }
        return SqlRows.select(session, CALENDAR, id).map(rows -> rows.stream().findFirst().map(SlaSettings::calendar));
    }

    /** The latest version of each calendar this instance has read: calendars change seldom, clocks read them often. */
    private final Map<String, BusinessCalendar> latest = new ConcurrentHashMap<>();

    /**
     * A calendar in force whose version the caller has just read (with the ticket it locked): from memory when this
     * instance has read that version before, else from the database.
     */
    public Uni<Optional<BusinessCalendar>> calendar(Mutiny.Session session, String id, Long version) {
        BusinessCalendar known = latest.get(id);
        if (version != null && known != null && known.version() == version) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return calendar(session, id).invoke(found -> found.ifPresent(c -> latest.merge(c.id(), c,
                (a, b) -> a.version() >= b.version() ? a : b)));
    }

    /** One version of a calendar, current or not: what a ticket's timers were computed on. */
    public Uni<Optional<BusinessCalendar>> calendarVersion(Mutiny.Session session, String id, long version) {
        if (BusinessCalendar.ALWAYS.equals(id)) {
            return Uni.createFrom().item(Optional.of(BusinessCalendar.alwaysOpen()));
        }
        return SqlRows.select(session, """
                        SELECT id, version, CAST(body AS text) AS body FROM calendar WHERE id = ?1 AND version = ?2""",
                        id, version)
                .map(rows -> rows.stream().findFirst().map(SlaSettings::calendar));
    }

    /** Every calendar in force, the built-in 24x7 first. */
    public Uni<List<BusinessCalendar>> calendars(Mutiny.Session session) {
        return SqlRows.select(session, CALENDARS).map(rows -> Stream.concat(
                Stream.of(BusinessCalendar.alwaysOpen()),
                rows.stream().map(SlaSettings::calendar)).toList());
    }

    /** A calendar's new version, and the one it replaced (none for a new calendar). */
    public record CalendarChange(Optional<BusinessCalendar> before, BusinessCalendar after) {
    }

    /** Checks the draft before anything is read, then stores it as the next version. */
    public Uni<CalendarChange> saveCalendar(Mutiny.Session session, String id, CalendarDraft draft, String by,
            Instant at) {
        if (BusinessCalendar.ALWAYS.equals(id)) {
            throw Rejection.conflict("id", "24x7 is built in and cannot be changed");
        }
        if (draft == null) {
            throw Rejection.invalid("body", "is required");
        }
        BusinessCalendar checked = draft.toCalendar(id, 1);
        return policies(session).invoke(policies -> {
            List<Rejection.Violation> unserved = new ArrayList<>();
            policies.stream().filter(p -> p.calendar().equals(id))
                    .forEach(p -> unserved.addAll(unserved(p, checked, at, "week")));
            if (!unserved.isEmpty()) {
                throw Rejection.invalid(unserved);
            }
        }).chain(() -> calendar(session, id)).chain(current -> {
            BusinessCalendar next = checked.withVersion(current.map(BusinessCalendar::version).orElse(0L) + 1);
            return insertVersion(session, "calendar", "id", id, next.version(), CalendarDraft.of(next), by, at)
                    .replaceWith(new CalendarChange(current, next));
        });
    }

    public Uni<Optional<SlaPolicy>> policy(Mutiny.Session session, String plan) {
        return SqlRows.select(session, POLICY, knownPlan(plan))
                .map(rows -> rows.stream().findFirst().map(SlaSettings::policy));
    }

    public Uni<List<SlaPolicy>> policies(Mutiny.Session session) {
        return SqlRows.select(session, POLICIES)
                .map(rows -> rows.stream().map(SlaSettings::policy).toList());
    }

    public Uni<SlaPolicy> savePolicy(Mutiny.Session session, String plan, PolicyDraft draft, String by, Instant at) {
        knownPlan(plan);
        if (draft == null) {
            throw Rejection.invalid("body", "is required");
        }
        return calendars(session).chain(calendars -> policy(session, plan).chain(current -> {
            long version = current.map(SlaPolicy::version).orElse(0L) + 1;
            SlaPolicy next = draft.toPolicy(plan, version,
                    id -> calendars.stream().anyMatch(c -> c.id().equals(id)));
            calendars.stream().filter(c -> c.id().equals(next.calendar())).findFirst().ifPresent(calendar -> {
                List<Rejection.Violation> unserved = unserved(next, calendar, at, null);
                if (!unserved.isEmpty()) {
                    throw Rejection.invalid(unserved);
                }
            });
            return insertVersion(session, "policy", "plan", plan, version, PolicyDraft.of(next), by, at)
                    .replaceWith(next);
        }));
    }

    /**
     * The policy's targets its calendar cannot serve within {@link BusinessCalendar#SERVICE_HORIZON_DAYS}, each
     * named by {@code field} (or by the target's own place in the policy when null).
     */
    static List<Rejection.Violation> unserved(SlaPolicy policy, BusinessCalendar calendar, Instant from,
            String field) {
        List<Rejection.Violation> found = new ArrayList<>();
        policy.targets().forEach((priority, targets) -> {
            for (ClockKind kind : ClockKind.values()) {
                Duration target = targets.of(kind);
                if (target != null && !calendar.serves(from, target)) {
                    String name = switch (kind) {
                        case FIRST_RESPONSE -> "firstResponse";
                        case NEXT_REPLY -> "nextReply";
                        case RESOLUTION -> "resolution";
                    };
                    found.add(new Rejection.Violation(field != null ? field
                            : "targets." + priority.name() + "." + name,
                            "calendar " + calendar.id() + " cannot serve " + policy.plan() + "'s " + priority.name()
                                    + " " + kind.wireName() + " target of " + target + " within "
                                    + BusinessCalendar.SERVICE_HORIZON_DAYS + " days"));
                }
            }
        });
        return found;
    }

    /** A new version's row; a writer who read the same version and came first makes this a 409. */
    private static Uni<Integer> insertVersion(Mutiny.Session session, String table, String keyColumn, String key,
            long version, Object draft, String by, Instant at) {
        return SqlRows.execute(session, "INSERT INTO " + table + " (" + keyColumn + ", version, body, created_by, "
                        + "created_at) VALUES (?1, ?2, CAST(CAST(?3 AS text) AS jsonb), ?4, ?5)",
                        key, version, SqlRows.json(draft), by, at)
                .onFailure(e -> PgErrors.isUniqueViolation(e, table + "_pkey")).transform(e -> Rejection.conflict(
                        "version", table + " " + key + " was changed meanwhile (version " + version
                                + " exists); read it again"));
    }

    /** One of the support plans, or a 404. */
    public static String knownPlan(String plan) {
        try {
            return SupportPlan.fromWire(plan).wireName();
        } catch (RuntimeException e) {
            throw Rejection.notFound("plan", "no support plan '" + plan + "'; plans are warranty, post-warranty, "
                    + "premium, self-service");
        }
    }

    private static BusinessCalendar calendar(SqlRows.Row row) {
        return row.json("body", CalendarDraft.class).toCalendar(row.text("id"), row.number("version"));
    }

    private static SlaPolicy policy(SqlRows.Row row) {
        // Its calendar was checked when it was written; calendars are never deleted.
        return row.json("body", PolicyDraft.class).toPolicy(row.text("plan"), row.number("version"), id -> true);
    }


}
