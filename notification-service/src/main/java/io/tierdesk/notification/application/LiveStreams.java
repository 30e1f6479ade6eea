package io.tierdesk.notification.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.tierdesk.eventing.PeriodicTask;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What agents and supervisors hear, as it happens: one poller per replica reads the new stream deliveries (in
 * {@code seq} order, only those of finished transactions) and hands each to the connections of its recipient. A
 * reconnection with the last id it saw first reads what it missed from the table, then goes on live without a gap or
 * a repeat.
 */
@ApplicationScoped
public class LiveStreams {
    /** One notice on a stream; {@code seq} is its SSE id. */
    public record Item(long seq, String recipient, String kind, UUID ticketId, String subject, String text,
            Instant at) {
    }

    private static final String SELECT = """
            SELECT seq, recipient, kind, ticket_id, subject, text, created_at FROM delivery
            WHERE medium = 'stream' AND seq > ?1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            """;

    private final Mutiny.SessionFactory sessions;
    private final io.vertx.core.Vertx vertx;
    private final Duration interval;
    private final BroadcastProcessor<Item> live = BroadcastProcessor.create();
    /** The highest seq handed to the live connections: set before they get it, so a joiner's catch-up covers it. */
    private volatile long handed = -1;
    private PeriodicTask task;

    public LiveStreams(Mutiny.SessionFactory sessions, io.vertx.core.Vertx vertx,
            @ConfigProperty(name = "tierdesk.notification.stream.poll-interval") Duration interval) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        handed = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                SqlRows.first(session, "SELECT coalesce(max(seq), 0) AS seq FROM delivery WHERE medium = 'stream'")
                        .map(r -> r.number("seq"))));
        task = PeriodicTask.start(vertx, interval, "live streams", this::poll);
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
        live.onComplete();
    }

    Uni<Void> poll() {
        return sessions.withSession(session -> SqlRows.select(session, SELECT + "ORDER BY seq LIMIT 1000", handed))
                .invoke(rows -> {
                    List<Item> items = rows.stream().map(LiveStreams::item).toList();
                    if (!items.isEmpty()) {
                        handed = items.get(items.size() - 1).seq();
                        items.forEach(live::onNext);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The stream of what the recipients hear: after {@code lastSeen} when the client says what it saw last, else
     * from now on.
     */
    public Multi<Item> stream(Set<String> recipients, Long lastSeen) {
        UnicastProcessor<Item> buffer = UnicastProcessor.create();
        Cancellable subscription = live.filter(i -> recipients.contains(i.recipient()))
                .subscribe().with(buffer::onNext, buffer::onError, buffer::onComplete);
        long bound = handed;
        Multi<Item> missed = lastSeen == null ? Multi.createFrom().empty()
                : sessions.withSession(session -> SqlRows.select(session, """
                                SELECT seq, recipient, kind, ticket_id, subject, text, created_at FROM delivery
                                WHERE medium = 'stream' AND seq > ?1 AND seq <= ?2
                                    AND recipient = ANY(CAST(?3 AS text[]))
                                ORDER BY seq""", lastSeen, bound, (Object) recipients.toArray(String[]::new)))
                        .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows.stream()
                                .map(LiveStreams::item).toList()));
        return Multi.createBy().concatenating().streams(missed, buffer.filter(i -> i.seq() > bound))
                .onTermination().invoke(subscription::cancel);
    }

    private static Item item(SqlRows.Row r) {
        return new Item(r.number("seq"), r.text("recipient"), r.text("kind"), r.uuid("ticket_id"), r.text("subject"),
                r.text("text"), r.instant("created_at"));
    }
}
