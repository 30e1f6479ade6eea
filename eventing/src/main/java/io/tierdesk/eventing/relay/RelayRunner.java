package io.tierdesk.eventing.relay;

import io.tierdesk.eventing.Backoff;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a {@link Relay} on its own thread: a batch right after a wake-up (LISTEN/NOTIFY); at once again after a full
 * batch; at the poll interval while events are held back behind an older transaction (its end notifies nobody);
 * otherwise at the idle interval, in case a notification was lost; with exponential backoff after a failure.
 */
public final class RelayRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RelayRunner.class);

    private final Relay relay;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration idleInterval;
    private final Backoff backoff;
    private final Semaphore wakeUps = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public RelayRunner(Relay relay, int batchSize, Duration pollInterval, Duration maxBackoff, String threadName) {
        this(relay, batchSize, pollInterval, pollInterval, maxBackoff, threadName);
    }

    public RelayRunner(Relay relay, int batchSize, Duration pollInterval, Duration idleInterval, Duration maxBackoff,
            String threadName) {
        this.relay = relay;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.idleInterval = idleInterval;
        this.backoff = Backoff.doubling(Duration.ofMillis(200), maxBackoff);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public RelayRunner start() {
        thread.start();
        return this;
    }

    /** Called when events were committed; cheap and safe from any thread. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                int published = relay.publishOnce();
                failures = 0;
                if (published >= batchSize) {
                    continue;
                }
                waitForWakeUp(published == Relay.LEASE_HELD_ELSEWHERE || relay.holdsBack() ? pollInterval
                        : idleInterval);
            } catch (RuntimeException | Error e) {
                failures++;
                long backoff = this.backoff.after(failures).toMillis();
                LOG.warnf("relay failed (attempt %d), retrying in %d ms: %s", failures, backoff, e.getMessage());
                sleep(backoff);
            }
        }
    }

    private void waitForWakeUp(Duration timeout) {
        try {
            if (wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Backs off without waking on notifications: during an outage every commit would otherwise retry at once. */
    private void sleep(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the batch in flight, if any, has finished. */
    @Override
    public void close() {
        running = false;
        stopped.countDown();
        wakeUp();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
