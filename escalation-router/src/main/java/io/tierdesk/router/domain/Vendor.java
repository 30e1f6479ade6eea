package io.tierdesk.router.domain;

import io.tierdesk.events.routing.VendorCase;
import java.util.List;

/**
 * A manufacturer or service provider L4 works with, and the agreement its cases run under.
 *
 * @param products what the vendor covers (the routing categories or product names), for agents choosing one
 */
public record Vendor(String id, long version, String name, String contact, List<String> products,
        VendorCase.Agreement agreement) {
    public Vendor {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** The case a ticket opens at this vendor, under the agreement in force now. */
    public VendorCase caseOf(String caseReference) {
        return new VendorCase(id, name, caseReference, agreement);
    }
}
