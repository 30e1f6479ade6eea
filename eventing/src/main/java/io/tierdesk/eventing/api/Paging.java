package io.tierdesk.eventing.api;

import io.tierdesk.eventing.domain.Rejection;

/**
 * {@code ?limit=&offset=} of a list endpoint: every list is bounded. Absent, a page is {@link #DEFAULT_LIMIT} long;
 * a client reads on with {@code offset} until a page comes back shorter than its limit.
 */
public record Paging(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    public static Paging of(Integer limit, Integer offset) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > MAX_LIMIT) {
            throw Rejection.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        if (o < 0) {
            throw Rejection.invalid("offset", "must not be negative");
        }
        return new Paging(l, o);
    }

    /** The SQL that takes this page: appended to a statement that orders its rows. */
    public String sql() {
        return " LIMIT " + limit + " OFFSET " + offset;
    }
}
