import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The running platform as the launcher's tools (the demo's story, the fuzzer) reach it: each service's address, a
 * token for any role and subject (minted by ./tierdesk token), JSON over HTTP, and the events its topics carry.
 * The launcher passes the addresses in the environment.
 */
final class Platform {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SERVICES = List.of("intake", "router", "sla", "knowledge", "notification");
    /** The ticket lifecycle topics, every one keyed by ticket. */
    static final List<String> TOPICS = List.of("tierdesk.tickets", "tierdesk.routing", "tierdesk.sla",
            "tierdesk.knowledge", "tierdesk.notifications");

    final int base = Integer.parseInt(env("TIERDESK_PORT_BASE", "8080"));
    final String bootstrap = env("TIERDESK_KAFKA", "127.0.0.1:9092");
    final String mailHost = env("TIERDESK_SMTP_HOST", "127.0.0.1");
    final int imapPort = Integer.parseInt(env("TIERDESK_IMAP_PORT", "3143"));
    final String mailWeb = "http://" + mailHost + ":" + env("TIERDESK_MAIL_WEB_PORT", "8025");
    // HTTP/1.1: the JDK client's cleartext upgrade to HTTP/2 (its default) now and then hangs past its request
    // timeout or ends in "EOF reached while reading" against the services (curl's upgrade does not); see
    // docs/decisions.md.
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root = Path.of(System.getProperty("user.dir"));
    private final Map<String, String> tokens = new HashMap<>();

    /** Port of a service by its short name (intake, router, sla, knowledge, notification). */
    int port(String service) {
        int offset = SERVICES.indexOf(service);
        if (offset < 0) {
            throw new IllegalArgumentException(service);
        }
        return base + offset + 1;
    }

    URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + port(service) + path);
    }

    /** A JSON call that must answer 2xx; the answer's body. */
    JsonNode call(String service, String method, String path, String bearer, Object body) throws Exception {
        return answered(send(service, method, path, bearer, body, "application/json"), method + " " + service + path);
    }

    HttpResponse<String> send(String service, String method, String path, String bearer, Object body)
            throws Exception {
        return send(service, method, path, bearer, body, "application/json");
    }

    HttpResponse<String> send(String service, String method, String path, String bearer, Object body,
            String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode answered(HttpResponse<String> answer, String what) throws IOException {
        if (answer.statusCode() / 100 != 2) {
            throw new Failed(what + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    /** A bearer token for the role and subject, minted once per run by ./tierdesk token. */
    String token(String role, String subject) throws Exception {
        String key = role + "/" + subject;
        String known = tokens.get(key);
        if (known != null) {
            return known;
        }
        Process process = new ProcessBuilder(root.resolve("tierdesk").toString(), "token", role, subject)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new Failed("./tierdesk token " + role + " " + subject + " failed");
        }
        String jwt = out.lines().reduce((a, b) -> b).orElseThrow();
        tokens.put(key, jwt);
        return jwt;
    }

    /** Reads the ticket topics from their ends as they are now on. */
    Events events() {
        return Events.from(bootstrap, TOPICS);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        node.elements().forEachRemaining(values::add);
        return values;
    }

    /** A tool's run cannot go on; its message says why. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    /** An event as a topic carried it; {@code seq} numbers every event in the order the reader got them. */
    record Seen(long seq, String topic, String key, String type, JsonNode payload) {
    }

    /** Every event of some topics from the moment of opening on, kept by key (the ticket). */
    static final class Events implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, List<Seen>> byKey = new HashMap<>();
        private final Set<Long> shown = new HashSet<>();
        private long read;
        private final Thread reader;
        private volatile boolean open = true;
        private volatile RuntimeException failure;

        private Events(KafkaConsumer<String, String> consumer) {
            this.consumer = consumer;
            this.reader = Thread.ofPlatform().daemon().name("platform-events").start(this::read);
        }

        static Events from(String bootstrap, List<String> topics) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("key.deserializer", StringDeserializer.class.getName());
            props.put("value.deserializer", StringDeserializer.class.getName());
            props.put("enable.auto.commit", "false");
            props.put("isolation.level", "read_committed");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // The end is fixed now, before the tool posts anything.
            partitions.forEach(consumer::position);
            return new Events(consumer);
        }

        private void read() {
            try {
                while (open) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        var type = r.headers().lastHeader("ce_type");
                        if (r.key() == null || type == null || r.value() == null) {
                            continue;
                        }
                        JsonNode payload;
                        try {
                            payload = JSON.readTree(r.value());
                        } catch (IOException e) {
                            continue;
                        }
                        synchronized (this) {
                            Seen seen = new Seen(read++, r.topic(), r.key(),
                                    new String(type.value(), StandardCharsets.UTF_8), payload);
                            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seen);
                            notifyAll();
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                failure = e;
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        /** The first event of the key that is wanted, waiting for it up to the timeout; null when none came. */
        synchronized Seen await(String key, Predicate<Seen> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (failure != null) {
                    throw new Failed("reading the topics failed: " + failure);
                }
                for (Seen s : byKey.getOrDefault(key, List.of())) {
                    if (wanted.test(s)) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        /** The key's wanted events not handed out by this method before. */
        synchronized List<Seen> unshown(String key, Predicate<Seen> wanted) {
            List<Seen> out = new ArrayList<>();
            for (Seen s : byKey.getOrDefault(key, List.of())) {
                if (wanted.test(s) && shown.add(s.seq)) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            consumer.wakeup();
            reader.join(5_000);
            consumer.close();
        }
    }
}
