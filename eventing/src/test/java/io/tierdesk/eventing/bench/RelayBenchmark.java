package io.tierdesk.eventing.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tierdesk.events.EventJson;
import io.tierdesk.eventing.SampleStreams;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayObserver;
import io.tierdesk.eventing.relay.RelayRunner;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.testsupport.TierdeskInfra;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;

/**
 * Measures the relay on the real broker and database and prints figures; asserts nothing.
 * <ol>
 *   <li>throughput: a backlog of N committed events drained by one relay, append-committed to broker ack;</li>
 *   <li>lag: events appended one per transaction at a fixed rate while the relay runs, each timed from its commit
 *       to its arrival at a Kafka consumer; p50 and p99.</li>
 * </ol>
 * Arguments: backlog size, fixed rate (events/s), seconds at that rate, relay batch size. The raw ceilings are measured beside it by
 * deploy/bench/relay.sh.
 */
public final class RelayBenchmark {
    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 1000;

        TierdeskInfra.ensureInfrastructure();
        String run = "bench_" + Long.toHexString(System.currentTimeMillis());
        String database = "tdt_" + run;
        String topic = "bench." + run + ".tierdesk.tickets";
        try (Connection admin = TierdeskInfra.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        createTopic(topic);
        Vertx vertx = Vertx.vertx();
        try {
            migrate(database);
            io.vertx.mutiny.sqlclient.Pool pool = pool(vertx, database);
            Relay.Settings settings = new Relay.Settings("kafka", "/bench", batchSize, Duration.ofSeconds(30), t -> topic);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    RelayService.producerProperties(TierdeskInfra.KAFKA, "bench-relay"))) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                Relay relay = new Relay(pool, producer, settings, RelayObserver.NONE, registry);

                int payloadBytes = appendBacklog(database, backlog);
                long start = System.nanoTime();
                int drained = 0;
                while (drained < backlog) {
                    int n = relay.publishOnce();
                    if (n <= 0) {
                        throw new IllegalStateException("relay stopped short at " + drained + " of " + backlog);
                    }
                    drained += n;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf("relay.payload.bytes=%d%n", payloadBytes);
                System.out.printf("relay.throughput.events_per_s=%.0f%n", backlog / elapsed);
                System.out.printf("relay.throughput.backlog=%d in %.2f s, batches of %d%n", backlog, elapsed, batchSize);

                measureLag(database, topic, relay, rate, seconds, batchSize);
                // More sends than events means the relay itself sent some twice (a batch retried after a failure);
                // as many sends as events with duplicates received means they arose below it (producer, broker).
                System.out.printf("relay.sends=%.0f for %d events%n",
                        registry.counter("tierdesk.relay.published", "relay", "kafka").count(), backlog + rate * seconds);
            }
            pool.closeAndAwait();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (Connection admin = TierdeskInfra.adminConnection(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            try (Admin admin = Admin.create(adminProps())) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void measureLag(String database, String topic, Relay relay, int rate, int seconds, int batchSize)
            throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        AtomicLong duplicates = new AtomicLong();
        int total = rate * seconds;
        Thread consumer = new Thread(() -> consume(topic, total, arrivedAt, duplicates), "bench-consumer");
        consumer.start();
        Thread.sleep(2000); // let the consumer take its position before the first event

        try (RelayRunner runner = new RelayRunner(relay, batchSize, Duration.ofSeconds(1), Duration.ofSeconds(5), "bench-relay")
                .start();
             Connection connection = TierdeskInfra.connect(database)) {
            // Without LISTEN here, the appender wakes the runner itself, as NOTIFY does in the service.
            connection.setAutoCommit(false);
            long intervalNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                // Parked, not spun: a spinning generator takes a core from what it measures.
                for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                next += intervalNanos;
                String eventId = insert(connection, UUID.randomUUID(), 1);
                connection.commit();
                committedAt.put(eventId, System.nanoTime());
                runner.wakeUp();
            }
            consumer.join(Duration.ofSeconds(60).toMillis());
        }
        List<Long> sorted = new ArrayList<>();
        committedAt.forEach((id, committed) -> {
            Long arrived = arrivedAt.get(id);
            if (arrived != null) {
                sorted.add(Math.max(0, arrived - committed) / 1000);
            }
        });
        Collections.sort(sorted);
        System.out.printf("lag.rate.events_per_s=%d for %d s (%d events, %d received, %d duplicates)%n", rate, seconds,
                total, sorted.size(), duplicates.get());
        System.out.printf("lag.p50.ms=%.2f%n", percentile(sorted, 0.50) / 1000.0);
        System.out.printf("lag.p99.ms=%.2f%n", percentile(sorted, 0.99) / 1000.0);
        System.out.printf("lag.max.ms=%.2f%n", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
    }

    /** Notes when each event arrives; stops once all arrived (or after a generous deadline). */
    private static void consume(String topic, int total, Map<String, Long> arrivedAt, AtomicLong duplicates) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TierdeskInfra.KAFKA);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Instant deadline = Instant.now().plusSeconds(total / 100 + 60);
            Map<String, String> offsets = new HashMap<>();
            while (arrivedAt.size() < total && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    String at = record.partition() + "@" + record.offset();
                    String first = offsets.putIfAbsent(id, at);
                    if (arrivedAt.putIfAbsent(id, now) != null && duplicates.incrementAndGet() <= 20) {
                        // Two offsets: published twice; one offset: the consumer read it twice.
                        System.out.printf("lag.duplicate=%s first %s again %s%n", id, first, at);
                    }
                }
            }
        }
    }

    private static int appendBacklog(String database, int count) throws Exception {
        int bytes = 0;
        try (Connection connection = TierdeskInfra.connect(database)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert(connection, UUID.randomUUID(), 1);
                if (i % 1000 == 999) {
                    connection.commit();
                }
            }
            connection.commit();
            bytes = EventJson.write(SampleStreams.note(UUID.randomUUID(), NOTE)).length;
        }
        return bytes;
    }

    private static final String NOTE =
            "Customer reports the router reboots every evening; firmware 2.4.1, tried factory reset.";

    private static String insert(Connection connection, UUID ticket, long version) throws Exception {
        return SampleStreams.insertNote(connection, ticket, version, NOTE).toString();
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void migrate(String database) {
        String password = TierdeskInfra.password().orElse("");
        Flyway.configure()
                .dataSource("jdbc:postgresql://" + TierdeskInfra.PG_HOST + ":" + TierdeskInfra.PG_PORT + "/" + database,
                        TierdeskInfra.TEST_ROLE, password)
                .locations("classpath:db/eventing")
                .load().migrate();
    }

    private static io.vertx.mutiny.sqlclient.Pool pool(Vertx vertx, String database) {
        PgConnectOptions options = new PgConnectOptions().setHost(TierdeskInfra.PG_HOST).setPort(TierdeskInfra.PG_PORT)
                .setDatabase(database).setUser(TierdeskInfra.TEST_ROLE)
                .setPassword(TierdeskInfra.password().orElse(""));
        return io.vertx.mutiny.sqlclient.Pool.newInstance(
                PgBuilder.pool().connectingTo(options).with(new PoolOptions().setMaxSize(4)).using(vertx).build());
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(adminProps())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TierdeskInfra.KAFKA);
        return props;
    }

    private RelayBenchmark() {
    }
}
