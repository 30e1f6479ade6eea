package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;

/** The customer as a ticket remembers them at the time of the event. */
public record CustomerRef(String externalId, String name, String email, String phone, String language) {
    public CustomerRef {
        Require.text(externalId, "customer.externalId");
        name = Require.singleLine(name);
    }
}
