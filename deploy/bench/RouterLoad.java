import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load for escalation-router, printed as figures (nothing asserted): registers agents over REST, publishes
 * TicketOpened events as ticket-intake would, and times each ticket until its routing decision (TicketAssigned or
 * TicketQueued) is on tierdesk.routing. Runs on the broker's own jars: java -cp 'libs/*' RouterLoad.java ...
 * Arguments: router URL, supervisor token, bootstrap servers, agents, burst size, fixed rate, seconds, topic prefix.
 */
public class RouterLoad {
    static final String ASSIGNED = "tierdesk.routing.assigned.v1";
    static final String QUEUED = "tierdesk.routing.queued.v1";
    static String prefix = "";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String bootstrap = args[2];
        int agents = Integer.parseInt(args[3]);
        int burst = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        prefix = args.length > 7 ? args[7] : "";
        String run = Long.toString(System.currentTimeMillis(), 36);
        String[] skills = {"s1-" + run, "s2-" + run, "s3-" + run, "s4-" + run, "s5-" + run};

        register(url, token, run, agents, skills, (burst + rate * seconds) / agents + 10);

        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> decided = new ConcurrentHashMap<>();
        Map<String, String> outcome = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> watch(bootstrap, sent, decided, outcome, stop));
        watcher.start();
        Thread.sleep(3000);

        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            List<String> burstIds = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                burstIds.add(publish(producer, skills[i % skills.length], sent));
            }
            producer.flush();
            waitFor(burstIds, decided, Duration.ofMinutes(5));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long done = burstIds.stream().filter(decided::containsKey).count();
            System.out.printf("router.burst.decisions_per_s=%.0f (%d of %d tickets decided in %.1f s, %d agents)%n",
                    done / elapsed, done, burst, elapsed, agents);

            List<String> paced = new ArrayList<>();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                // Parked, not spun: a spinning generator takes a core from what it measures.
                for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                next += interval;
                paced.add(publish(producer, skills[i % skills.length], sent));
                producer.flush();
            }
            waitFor(paced, decided, Duration.ofMinutes(2));
            List<Long> lags = new ArrayList<>();
            for (String id : paced) {
                if (decided.containsKey(id) && ASSIGNED.equals(outcome.get(id))) {
                    lags.add((decided.get(id) - sent.get(id)) / 1000);
                }
            }
            Collections.sort(lags);
            System.out.printf("router.lag.rate=%d tickets/s for %d s, %d assigned%n", rate, seconds, lags.size());
            if (!lags.isEmpty()) {
                System.out.printf("router.lag.p50.ms=%.1f%n", lags.get(lags.size() / 2) / 1000.0);
                System.out.printf("router.lag.p99.ms=%.1f%n", lags.get((int) Math.ceil(lags.size() * 0.99) - 1) / 1000.0);
            }
        } finally {
            stop.set(true);
            watcher.join();
        }
    }

    static void register(String url, String token, String run, int agents, String[] skills, int capacity)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < agents; i++) {
            String agent = "bench-" + run + "-" + i;
            String body = "{\"tier\":\"L1\",\"capacity\":" + capacity + ",\"skills\":[\"" + skills[i % skills.length]
                    + "\",\"" + skills[(i + 1) % skills.length] + "\"]}";
            send(http, url + "/api/v1/agents/" + agent, "PUT", body, token);
            send(http, url + "/api/v1/agents/" + agent + "/presence", "POST", "{\"presence\":\"online\"}", token);
        }
    }

    static void send(HttpClient http, String url, String method, String body, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static String publish(KafkaProducer<String, byte[]> producer, String skill, Map<String, Long> sent) {
        String ticket = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String json = "{\"ticketId\":\"" + ticket + "\",\"number\":\"TD-" + ticket.substring(0, 6) + "\",\"channel\":"
                + "\"web\",\"customer\":{\"externalId\":\"bench\"},\"plan\":\"warranty\",\"subject\":\"s\",\"body\":\"b\","
                + "\"diagnostics\":{\"product\":\"" + skill + "\"},\"statedUrgency\":\"medium\",\"attachments\":[],"
                + "\"openedAt\":\"" + now + "\"}";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + "tierdesk.tickets", ticket,
                json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/bench");
        header(record, "ce_type", "tierdesk.ticket.opened.v1");
        header(record, "ce_subject", ticket);
        header(record, "ce_time", now);
        header(record, "content-type", "application/json");
        sent.put(ticket, System.nanoTime());
        producer.send(record);
        return ticket;
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static void watch(String bootstrap, Map<String, Long> sent, Map<String, Long> decided, Map<String, String> outcome,
            AtomicBoolean stop) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("fetch.max.wait.ms", 5);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = prefix + "tierdesk.routing";
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    var type = record.headers().lastHeader("ce_type");
                    String ceType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if ((ASSIGNED.equals(ceType) || QUEUED.equals(ceType)) && sent.containsKey(record.key())) {
                        if (decided.putIfAbsent(record.key(), now) == null) {
                            outcome.put(record.key(), ceType);
                        }
                    }
                }
            }
        }
    }

    static void waitFor(List<String> ids, Map<String, Long> decided, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && !ids.stream().allMatch(decided::containsKey)) {
            Thread.sleep(20);
        }
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("linger.ms", 1);
        return new KafkaProducer<>(props);
    }
}
