package io.tierdesk.router.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.VersionedSettings;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.router.domain.RoutingDecider;
import io.tierdesk.router.domain.Vendor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The vendors of L4 and the case each ticket there has open with one. */
@ApplicationScoped
public class VendorCatalogue {
    private static final VersionedSettings<Vendor> VENDORS = VersionedSettings.of(
            new VersionedSettings.Table("vendor", "id", "body", "created_by", "created_at"), Vendor.class);

    private final Clock clock;

    public VendorCatalogue(Clock clock) {
        this.clock = clock;
    }

    public Uni<Optional<Vendor>> vendor(Mutiny.Session session, String id) {
        return VENDORS.latest(session, id).map(found -> found.map(VersionedSettings.Version::body));
    }

    public Uni<List<Vendor>> vendors(Mutiny.Session session) {
        return VENDORS.allLatest(session).map(all -> all.stream().map(VersionedSettings.Version::body).toList());
    }

    /** Puts the vendor's next version in force (its first when new); answers it and whether it is new. */
    public Uni<Saved> save(Mutiny.Session session, Vendor draft, String by) {
        return vendor(session, draft.id()).chain(current -> {
            long next = current.map(Vendor::version).orElse(0L) + 1;
            Vendor vendor = new Vendor(draft.id(), next, draft.name(), draft.contact(), draft.products(),
                    draft.agreement());
            return VENDORS.save(session, vendor.id(), next, vendor, by, clock.instant())
                    .replaceWith(new Saved(vendor, current.isEmpty()));
        });
    }

    public record Saved(Vendor vendor, boolean created) {
    }

    /** The case the ticket has open at L4, if any. */
    public Uni<Optional<RoutingDecider.OpenCase>> openCase(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT vendor_id, case_reference FROM vendor_case WHERE ticket_id = ?1",
                ticketId).map(row -> Optional.ofNullable(row).map(r -> new RoutingDecider.OpenCase(
                        r.text("vendor_id"), r.text("case_reference"))));
    }

    Uni<Void> opened(Mutiny.Session session, UUID ticketId, VendorCase vendorCase) {
        return SqlRows.execute(session, """
                        INSERT INTO vendor_case (ticket_id, vendor_id, case_reference, opened_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (ticket_id) DO UPDATE SET vendor_id = EXCLUDED.vendor_id,
                            case_reference = EXCLUDED.case_reference, opened_at = EXCLUDED.opened_at""",
                ticketId, vendorCase.vendorId(), vendorCase.caseReference(), clock.instant()).replaceWithVoid();
    }

    Uni<Void> ended(Mutiny.Session session, UUID ticketId) {
        return SqlRows.execute(session, "DELETE FROM vendor_case WHERE ticket_id = ?1", ticketId).replaceWithVoid();
    }
}
