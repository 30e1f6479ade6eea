package io.tierdesk.intake.application;

import io.tierdesk.eventing.domain.Rejection;

/** If-Match named a version the ticket is no longer at. */
public class PreconditionFailed extends Rejection {
    private final long currentVersion;

    public PreconditionFailed(long expected, long currentVersion) {
        super(Kind.PRECONDITION_FAILED, "If-Match", "names version " + expected + " but the ticket is at version "
                + currentVersion, null, null);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
