package io.tierdesk.eventing.relay;

import java.util.List;

/** Watches a relay's batches; tests use it to stop a relay between the broker's ack and the checkpoint. */
public interface RelayObserver {
    RelayObserver NONE = new RelayObserver() {
    };

    /** The lease is held and the batch is about to be sent. */
    default void publishing(List<PendingEvent> batch) {
    }

    /** The broker acknowledged every record of the batch; the checkpoint has not moved yet. */
    default void acknowledged(List<PendingEvent> batch) {
    }
}
