package io.tierdesk.eventing.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierdesk.eventing.config.EventingConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import io.tierdesk.eventing.domain.Rejection;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** Runs this service's relay from start-up to shutdown, woken by LISTEN/NOTIFY on the event table. */
@ApplicationScoped
public class RelayService {
    public static final String NOTIFY_CHANNEL = "tierdesk_event_appended";
    public static final String RELAY_NAME = "kafka";
    private static final Logger LOG = Logger.getLogger(RelayService.class);

    private final EventingConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final String reactiveUrl;
    private final String username;
    private final Optional<String> password;

    private Producer<String, byte[]> producer;
    private Relay relay;
    private RelayRunner runner;
    private PgSubscriber subscriber;

    public RelayService(EventingConfig config, Pool pool, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized boolean isRunning() {
        return runner != null;
    }

    public synchronized void start() {
        if (runner != null) {
            return;
        }
        requireCheckpoint();
        producer = new KafkaProducer<>(producerProperties(bootstrapServers, config.source().replace("/", "") + "-relay"));
        relay = new Relay(pool, producer, settings(), RelayObserver.NONE, registry);
        EventingConfig.Relay relayConfig = config.relay();
        runner = new RelayRunner(relay, relayConfig.batchSize(), relayConfig.pollInterval(), relayConfig.idleInterval(),
                relayConfig.maxBackoff(),
                "tierdesk-relay").start();
        listen(runner);
        LOG.infof("relay started: %s -> %s", reactiveUrl, bootstrapServers);
    }

    public synchronized void stop() {
        if (runner == null) {
            return;
        }
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        runner.close();
        runner = null;
        producer.close(Duration.ofSeconds(10));
        producer = null;
        relay = null;
        LOG.info("relay stopped");
    }

    /**
     * Two states in which the relay would publish nothing, silently, for good, are errors at start instead: a missing
     * checkpoint row (a database restored without it), and transaction ids from another cluster (a logical restore
     * brings the old ids along as data, while the new cluster counts from far lower: the checkpoint would lie beyond
     * every new event, and the event table's order guard would refuse every append to a restored stream). Both are
     * mended as docs/runbooks.md says.
     */
    private void requireCheckpoint() {
        var rows = pool.preparedQuery("""
                        SELECT c.last_transaction_id > pg_snapshot_xmax(pg_current_snapshot()) AS checkpoint_ahead,
                            (SELECT max(transaction_id) FROM event) > pg_snapshot_xmax(pg_current_snapshot())
                                AS events_ahead
                        FROM relay_checkpoint c WHERE c.name = $1""")
                .execute(Tuple.of(RELAY_NAME)).await().atMost(Duration.ofSeconds(30));
        if (!rows.iterator().hasNext()) {
            throw new IllegalStateException("relay checkpoint '" + RELAY_NAME + "' is missing from relay_checkpoint; "
                    + "see docs/runbooks.md, 'The relay's checkpoint is missing'");
        }
        var row = rows.iterator().next();
        if (Boolean.TRUE.equals(row.getBoolean("checkpoint_ahead"))
                || Boolean.TRUE.equals(row.getBoolean("events_ahead"))) {
            throw new IllegalStateException("the event table or the relay checkpoint carries transaction ids beyond "
                    + "this cluster's (after a logical restore?); nothing new would be published: see "
                    + "docs/runbooks.md, 'After a logical restore'");
        }
    }

    /** The records the running relay set aside; empty while it is stopped. */
    public synchronized List<Relay.Parked> parked() {
        return relay == null ? List.of() : relay.parked();
    }

    /** Sends a parked record again; false when no such record is parked, a conflict when the broker refuses again. */
    public synchronized boolean republish(String eventId) {
        if (relay == null) {
            throw Rejection.notAllowedNow("eventId",
                    "the relay is not running on this replica");
        }
        return relay.republish(eventId);
    }

    /** The relay's settings, for building further relays on the same database (tests, benchmarks). */
    public Relay.Settings settings() {
        return new Relay.Settings(RELAY_NAME, config.source(), config.relay().batchSize(), config.relay().sendTimeout(),
                config::topic);
    }

    /** Idempotent, all-replica acknowledgements: a batch counts as sent only once it cannot be lost by the broker. */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // The broker decides what is too large (and a topic's own limit may be raised): the producer's default of
        // 1 MiB would refuse such a record before the broker is asked.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private void listen(RelayRunner target) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl).setUser(username);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> Math.min(30_000L, 500L * (retries + 1)));
        // Subscribed again after a lost connection: what was committed meanwhile notified nobody, so look now.
        subscriber.channel(NOTIFY_CHANNEL).handler(payload -> target.wakeUp())
                .subscribeHandler(subscribed -> target.wakeUp());
        subscriber.connect().onFailure(e -> LOG.warnf("LISTEN %s failed, polling only until it reconnects: %s",
                NOTIFY_CHANNEL, e.getMessage()));
    }
}
