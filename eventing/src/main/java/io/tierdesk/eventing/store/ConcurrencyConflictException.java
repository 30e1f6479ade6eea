package io.tierdesk.eventing.store;

/** The stream moved on since the caller read it: the command must be retried on fresh state (HTTP 409). */
public class ConcurrencyConflictException extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public ConcurrencyConflictException(String streamId, long expectedVersion, long actualVersion) {
        super("stream " + streamId + " is at version " + actualVersion + ", expected " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version found, or -1 when a concurrent writer won the race and the version is unknown. */
    public long actualVersion() {
        return actualVersion;
    }
}
