package io.tierdesk.eventing.store;

/** What the caller believes the stream's version is. Versions start at 1; 0 means the stream does not exist yet. */
public final class ExpectedVersion {
    /** Append whatever the current version is (for streams with a single writer only). */
    public static final long ANY = -1;
    public static final long NO_STREAM = 0;

    private ExpectedVersion() {
    }
}
