package io.tierdesk.intake.application;

/** If-Match named a version the ticket is no longer at (HTTP 412). */
public class PreconditionFailed extends RuntimeException {
    private final long currentVersion;

    public PreconditionFailed(long expected, long currentVersion) {
        super("If-Match names version " + expected + " but the ticket is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
