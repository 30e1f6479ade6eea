package io.tierdesk.sla.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.VersionedSettings;
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
    private static final VersionedSettings<CalendarDraft> CALENDARS = VersionedSettings.of(
            new VersionedSettings.Table("calendar", "id", "body", "created_by", "created_at"), CalendarDraft.class);
    private static final VersionedSettings<PolicyDraft> POLICIES = VersionedSettings.of(
            new VersionedSettings.Table("policy", "plan", "body", "created_by", "created_at"), PolicyDraft.class);

    public Uni<Optional<BusinessCalendar>> calendar(Mutiny.Session session, String id) {
        if (BusinessCalendar.ALWAYS.equals(id)) {
            return Uni.createFrom().item(Optional.of(BusinessCalendar.alwaysOpen()));
        }
        return CALENDARS.latest(session, id).map(found -> found.map(SlaSettings::calendar));
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
        return CALENDARS.version(session, id, version).map(found -> found.map(SlaSettings::calendar));
    }

    /** Every calendar in force, the built-in 24x7 first. */
    public Uni<List<BusinessCalendar>> calendars(Mutiny.Session session) {
        return CALENDARS.allLatest(session).map(found -> Stream.concat(Stream.of(BusinessCalendar.alwaysOpen()),
                found.stream().map(SlaSettings::calendar)).toList());
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
            return CALENDARS.save(session, id, next.version(), CalendarDraft.of(next), by, at)
                    .replaceWith(new CalendarChange(current, next));
        });
    }

    public Uni<Optional<SlaPolicy>> policy(Mutiny.Session session, String plan) {
        return POLICIES.latest(session, knownPlan(plan)).map(found -> found.map(SlaSettings::policy));
    }

    public Uni<List<SlaPolicy>> policies(Mutiny.Session session) {
        return POLICIES.allLatest(session).map(found -> found.stream().map(SlaSettings::policy).toList());
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
            return POLICIES.save(session, plan, version, PolicyDraft.of(next), by, at).replaceWith(next);
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
                        case ON_SITE -> "onSite";
                        case VENDOR_RESPONSE, VENDOR_RESOLUTION -> kind.wireName();
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

    /** One of the support plans, or a 404. */
    public static String knownPlan(String plan) {
        try {
            return SupportPlan.fromWire(plan).wireName();
        } catch (RuntimeException e) {
            throw Rejection.notFound("plan", "no support plan '" + plan + "'; plans are warranty, post-warranty, "
                    + "premium, self-service");
        }
    }

    private static BusinessCalendar calendar(VersionedSettings.Version<CalendarDraft> stored) {
        return stored.body().toCalendar(stored.key(), stored.version());
    }

    private static SlaPolicy policy(VersionedSettings.Version<PolicyDraft> stored) {
        // Its calendar was checked when it was written; calendars are never deleted.
        return stored.body().toPolicy(stored.key(), stored.version(), id -> true);
    }


}
