package io.tierdesk.rules;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.routing.Tier;

/** A line named in a request: L1–L4, else a 400 problem naming the field. */
public final class TierParam {
    private TierParam() {
    }

    public static Tier parse(String value, String field, String expected) {
        try {
            return Tier.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(field, expected);
        }
    }
}
