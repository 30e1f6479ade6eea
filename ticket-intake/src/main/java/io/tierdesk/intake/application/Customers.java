package io.tierdesk.intake.application;

import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.eventing.store.SqlRows;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.SupportPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hibernate.reactive.mutiny.Mutiny;
import java.sql.Date;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Customers and their plans; an unknown customer is created with the default plan on first contact. */
@ApplicationScoped
public class Customers {
    public record Customer(String externalId, String name, String email, String phone, String organisation,
            String language, SupportPlan plan, LocalDate planValidUntil) {
        /** The plan in force on a day: the customer's plan while valid, else the default plan. */
        public SupportPlan planOn(LocalDate day, SupportPlan fallback) {
            return planValidUntil == null || !planValidUntil.isBefore(day) ? plan : fallback;
        }
    }

    private final IntakeConfig config;

    public Customers(IntakeConfig config) {
        this.config = config;
    }

    public Uni<Customer> find(Mutiny.Session session, String externalId) {
        return SqlRows.first(session, "SELECT " + COLUMNS + " FROM customer WHERE external_id = ?1", externalId)
                .map(row -> row == null ? null : toCustomer(row));
    }

    /** The customers of these external ids that exist, by external id. */
    public Uni<Map<String, Customer>> findAll(Mutiny.Session session, List<String> externalIds) {
        return SqlRows.select(session, "SELECT " + COLUMNS + " FROM customer WHERE external_id = ANY(CAST(?1 AS text[]))",
                        (Object) externalIds.toArray(new String[0]))
                .map(rows -> {
                    Map<String, Customer> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.text("external_id"), toCustomer(row)));
                    return found;
                });
    }

    public Uni<Customer> save(Mutiny.Session session, Customer customer) {
        return session.createNativeMutationQuery("INSERT INTO customer (external_id, name, email, phone, organisation, "
                        + "language, plan, plan_valid_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        + "ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, "
                        + "phone = EXCLUDED.phone, organisation = EXCLUDED.organisation, language = EXCLUDED.language, "
                        + "plan = EXCLUDED.plan, plan_valid_until = EXCLUDED.plan_valid_until, "
                        + "updated_at = clock_timestamp()")
                .setParameter(1, customer.externalId()).setParameter(2, customer.name())
                .setParameter(3, customer.email()).setParameter(4, customer.phone())
                .setParameter(5, customer.organisation()).setParameter(6, customer.language())
                .setParameter(7, customer.plan().wireName()).setParameter(8, customer.planValidUntil())
                .executeUpdate().replaceWith(customer);
    }

    /**
     * The customer a channel message names, created with the default plan when unknown. Contact details the
     * message brings fill gaps but never overwrite what an agent recorded.
     */
    public Uni<Customer> findOrCreate(Mutiny.Session session, CustomerRef ref) {
        return find(session, ref.externalId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Customer created = new Customer(ref.externalId(), ref.name(), ref.email(), ref.phone(), null,
                    ref.language(), config.defaultSupportPlan(), null);
            return session.createNativeMutationQuery("INSERT INTO customer (external_id, name, email, phone, language, "
                            + "plan) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (external_id) DO NOTHING")
                    .setParameter(1, created.externalId()).setParameter(2, created.name())
                    .setParameter(3, created.email()).setParameter(4, created.phone())
                    .setParameter(5, created.language()).setParameter(6, created.plan().wireName())
                    .executeUpdate()
                    .chain(() -> find(session, ref.externalId()));
        });
    }

    /**
     * Customers whose name or e-mail contains {@code q} (any case), or whose phone contains its digits, by name: the
     * look-up of the registration form as an agent types.
     */
    public Uni<List<Customer>> search(Mutiny.Session session, String q, int limit) {
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String digits = q.replaceAll("\\D", "");
        return SqlRows.select(session, "SELECT " + COLUMNS + " FROM customer WHERE name ILIKE ?1 OR email ILIKE ?1 "
                        + "OR (?2 <> '' AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') LIKE '%' || ?2 || '%') "
                        + "ORDER BY name NULLS LAST, external_id LIMIT ?3", like, digits.length() >= 3 ? digits : "",
                        limit)
                .map(rows -> rows.stream().map(Customers::toCustomer).toList());
    }

    public LocalDate today(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static final String COLUMNS = "external_id, name, email, phone, organisation, language, plan, "
            + "plan_valid_until";

    private static Customer toCustomer(Row row) {
        Object until = row.tuple().get("plan_valid_until");
        LocalDate validUntil = until == null ? null
                : until instanceof LocalDate d ? d : ((Date) until).toLocalDate();
        return new Customer(row.text("external_id"), row.text("name"), row.text("email"), row.text("phone"),
                row.text("organisation"), row.text("language"), SupportPlan.fromWire(row.text("plan")), validUntil);
    }
}
