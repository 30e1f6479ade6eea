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

/** Runs this service's relay from start-up to shutdown, woken by LISTEN/NOTIFY on the event table. */
@ApplicationScoped
public class RelayService {
    public static final String NOTIFY_CHANNEL = "tierdesk_event_appended";
    public static final String RELAY_NAME = "kafka";
    private static final Logger LOG = Logger.getLogger(RelayService.class);

    private final EventingConfig config;
    private final Pool pool;
    private final io.vertx.core.Vertx vertx;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final String reactiveUrl;
    private final String username;
    private final java.util.Optional<String> password;

    private Producer<String, byte[]> producer;
    private RelayRunner runner;
    private PgSubscriber subscriber;

    public RelayService(EventingConfig config, Pool pool, io.vertx.core.Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
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
        producer = new KafkaProducer<>(producerProperties(bootstrapServers, config.source().replace("/", "") + "-relay"));
        Relay relay = new Relay(pool, producer, settings(), RelayObserver.NONE, registry);
        EventingConfig.Relay relayConfig = config.relay();
        runner = new RelayRunner(relay, relayConfig.batchSize(), relayConfig.pollInterval(), relayConfig.maxBackoff(),
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
        LOG.info("relay stopped");
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
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private void listen(RelayRunner target) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl).setUser(username);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> Math.min(30_000L, 500L * (retries + 1)));
        subscriber.channel(NOTIFY_CHANNEL).handler(payload -> target.wakeUp());
        subscriber.connect().onFailure(e -> LOG.warnf("LISTEN %s failed, polling only until it reconnects: %s",
                NOTIFY_CHANNEL, e.getMessage()));
    }
}
