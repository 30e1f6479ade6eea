import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * `./tierdesk fuzz [COUNT]`: hostile input for the running platform. COUNT requests (10,000 by default) spread over
 * every operation of every service's OpenAPI document, each operation getting every kind of hostility in turn, then
 * poison records on every topic the services consume, then one valid ticket through all five services. It fails
 * (exit 1) on any 5xx or unanswered request, a 4xx that is not a problem naming what is wrong, a poison record some
 * consumer did not dead-letter with its reason, a consumer that stopped, or a refused request whose data was kept.
 *
 * <p>Every string the fuzzer sends carries a marker {@code fz<run>x<n>} (n: the request's number), so afterwards each
 * service's database is searched for markers: one that appears must belong to a request that was answered 2xx.
 */
public class Fuzz {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PER_REPLICA = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> ROLE_PREFERENCE = List.of("admin", "supervisor", "agent", "kb-editor", "channel");
    /** Operations whose valid input would change the platform's shared configuration: only broken input for them. */
    private static final Set<String> NO_VALID_INPUT = Set.of("PUT /api/v1/routing-rules", "PUT /api/v1/rules",
            "PUT /api/v1/agents/{agentId}", "POST /api/v1/agents/{agentId}/presence");
    private static final List<String> INJECTIONS = List.of("'; DROP TABLE event; --", "\" OR 1=1 --",
            "{{7*7}}", "${7*7}", "#{7*7}", "{#include /etc/passwd}{/include}", "{config:quarkus.datasource.password}",
            "<script>alert(1)</script>", "\u0000nul", "\u202Eevil", "%00", "../../../../etc/passwd",
            "😀😀😀", "\\u0000", "$(reboot)");
    private static final List<String> BAD_IDS = List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..",
            "%00", "x".repeat(5000), "TD-000001'%20OR%20'1'='1", "%F0%9F%98%80", "%C3%28", "a%0D%0AX-Injected:%201",
            "-1", "99999999999999999999999999", "%7B%7B7*7%7D%7D");

    enum Hostility {
        MALFORMED_JSON, WRONG_TYPE, MISSING_FIELDS, EXTRA_FIELDS, OVERSIZED_FIELD, OVERSIZED_BODY, DEEP_NESTING,
        INVALID_UTF8, ODD_CONTENT_TYPE, HUGE_NUMBERS, INJECTION, CRLF_IN_HEADERS, PATH_TRAVERSAL, BAD_QUERY,
        WRONG_SHAPE, DUPLICATE_KEYS;

        /** Input that may well be valid: a 2xx is a fine answer to it. */
        boolean mayBeValid() {
            return this == EXTRA_FIELDS || this == INJECTION || this == CRLF_IN_HEADERS || this == BAD_QUERY;
        }
    }

    record Operation(String service, String method, String path, List<JsonNode> parameters, JsonNode body,
            String role, boolean stream) {
        String name() {
            return method + " " + path;
        }
    }

    record Request(int n, Operation op, Hostility hostility, String method, String target, Map<String, String> headers,
            String contentType, byte[] body, boolean raw) {
    }

    record Answer(Request request, int status, String contentType, String body, String error) {
    }

    private final Platform platform = new Platform();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Random random;
    private final long seed;
    private final Map<String, JsonNode> schemas = new HashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> httpLayer = new TreeMap<>();
    private final Map<Integer, Integer> raw = new TreeMap<>();
    private final java.util.concurrent.atomic.AtomicInteger resent = new java.util.concurrent.atomic.AtomicInteger();

    Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        boolean ok;
        try {
            ok = new Fuzz(seed).go(count);
        } catch (Platform.Failed e) {
            System.out.println("fuzz FAILED: " + e.getMessage());
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    boolean go(int count) throws Exception {
        System.out.println("Tierdesk fuzz — run " + run + ", seed " + seed + ", " + count + " requests");
        List<Operation> operations = operations();
        System.out.println(operations.size() + " operations in the services' OpenAPI documents");
        List<Answer> answers = requests(operations, count);
        report(answers);
        poison();
        canary();
        dataKept(answers);
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("fuzz passed: no 5xx, every refusal a problem naming what is wrong, every poison record "
                    + "dead-lettered, every consumer still consuming, no refused input kept");
            return true;
        }
        System.out.println("fuzz FAILED:");
        failures.stream().limit(40).forEach(f -> System.out.println("  - " + f));
        if (failures.size() > 40) {
            System.out.println("  … and " + (failures.size() - 40) + " more");
        }
        return false;
    }

    // ---------- the operations ----------

    private List<Operation> operations() throws Exception {
        List<Operation> found = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            HttpResponse<String> answer = platform.http.send(HttpRequest.newBuilder(
                    platform.uri(service, "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode doc = Platform.JSON.readTree(answer.body());
            doc.path("components").path("schemas").properties().forEach(e -> schemas.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                if (!path.getKey().startsWith("/api/")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    String method = op.getKey().toUpperCase();
                    if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    JsonNode o = op.getValue();
                    List<String> roles = new ArrayList<>();
                    o.path("security").forEach(req -> req.properties()
                            .forEach(s -> s.getValue().forEach(r -> roles.add(r.asText()))));
                    String role = ROLE_PREFERENCE.stream().filter(roles::contains).findFirst().orElse("admin");
                    List<JsonNode> parameters = new ArrayList<>();
                    o.path("parameters").forEach(parameters::add);
                    JsonNode content = o.path("requestBody").path("content");
                    JsonNode body = content.isMissingNode() || content.isEmpty() ? null
                            : content.elements().next().path("schema");
                    boolean stream = o.path("responses").toString().contains("text/event-stream");
                    found.add(new Operation(service, method, path.getKey(), parameters, body, role, stream));
                }
            }
        }
        return found;
    }

    // ---------- the requests ----------

    private List<Answer> requests(List<Operation> operations, int count) throws Exception {
        Hostility[] kinds = Hostility.values();
        List<Request> requests = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Operation op = operations.get(n % operations.size());
            Hostility hostility = kinds[(n / operations.size() + n) % kinds.length];
            if (hostility.mayBeValid() && NO_VALID_INPUT.contains(op.name())) {
                hostility = Hostility.MISSING_FIELDS;
            }
            requests.add(request(n, op, hostility));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Answer>> pending = new ArrayList<>();
        Instant started = Instant.now();
        for (Request r : requests) {
            pending.add(pool.submit(() -> send(r)));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : pending) {
            answers.add(f.get());
        }
        pool.shutdown();
        System.out.printf("%d requests in %.1f s%n", answers.size(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return answers;
    }

    private String marker(int n) {
        return "fz" + run + "x" + n;
    }

    private Request request(int n, Operation op, Hostility h) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + platform.token(op.role(), "fuzz"));
        headers.put("Accept", op.stream() ? "text/event-stream" : "application/json");
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.parameters()) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            String value = h == Hostility.PATH_TRAVERSAL && in.equals("path") ? pick(BAD_IDS)
                    : URLEncoder.encode(parameterValue(n, p), StandardCharsets.UTF_8);
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", value);
            } else if (in.equals("query") && (h == Hostility.BAD_QUERY || random.nextInt(3) == 0)) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(h == Hostility.BAD_QUERY ? badQueryValue() : value);
            } else if (in.equals("header") && !name.equalsIgnoreCase("Last-Event-ID") && random.nextBoolean()) {
                headers.put(name, name.equalsIgnoreCase("If-Match") ? "\"" + random.nextInt(5) + "\"" : marker(n));
            }
        }
        if (h == Hostility.BAD_QUERY && query.isEmpty()) {
            query.append("?limit=").append(badQueryValue()).append("&fz=").append(URLEncoder.encode(
                    pick(INJECTIONS), StandardCharsets.UTF_8));
        }
        JsonNode sample = op.body() == null ? null : sampleBody(n, op);
        String contentType = "application/json";
        if (op.path().equals("/api/v1/channel-events")) {
            contentType = "application/cloudevents+json";
        }
        byte[] body = sample == null ? null : Platform.JSON.writeValueAsBytes(sample);
        boolean raw = false;
        switch (h) {
            case MALFORMED_JSON -> {
                byte[] whole = Platform.JSON.writeValueAsBytes(sample != null ? sample : NODES.objectNode()
                        .put("text", marker(n)));
                int cut = 1 + random.nextInt(Math.max(1, whole.length - 1));
                body = random.nextBoolean() ? java.util.Arrays.copyOf(whole, cut)
                        : ("{\"" + marker(n) + "\": ,,]").getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPE -> body = Platform.JSON.writeValueAsBytes(replaceOne(sample, n,
                    v -> v.isTextual() ? NODES.numberNode(12345) : v.isNumber() ? NODES.textNode(marker(n))
                            : v.isObject() ? NODES.arrayNode().add(marker(n)) : v.isArray() ? NODES.objectNode()
                            .put("x", marker(n)) : NODES.textNode(marker(n))));
            case MISSING_FIELDS -> body = "{}".getBytes(StandardCharsets.UTF_8);
            case EXTRA_FIELDS -> {
                JsonNode extended = sample != null && sample.isObject() ? sample.deepCopy() : NODES.objectNode();
                ((ObjectNode) extended).put("fzExtra", marker(n)).putObject("fzNested").put("deeper", marker(n));
                body = Platform.JSON.writeValueAsBytes(extended);
            }
            case OVERSIZED_FIELD -> body = Platform.JSON.writeValueAsBytes(replaceOne(sample, n,
                    v -> NODES.textNode(marker(n) + "y".repeat(300_000))));
            case OVERSIZED_BODY -> body = ("{\"text\":\"" + marker(n) + "z".repeat(1_600_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case DEEP_NESTING -> body = ("{\"" + marker(n) + "\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case INVALID_UTF8 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String json = Platform.JSON.writeValueAsString(replaceOne(sample, n, v -> NODES.textNode("@@@")));
                int at = json.indexOf("@@@");
                out.writeBytes(json.substring(0, Math.max(0, at)).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(marker(n).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED,
                        (byte) 0xA0, (byte) 0x80});
                out.writeBytes(json.substring(Math.max(0, at + 3)).getBytes(StandardCharsets.UTF_8));
                body = out.toByteArray();
            }
            case ODD_CONTENT_TYPE -> {
                contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=fz", "application/json; charset=ebcdic", "image/png",
                        "application/cloudevents-batch+json", "*/*", ""));
                if (body == null) {
                    body = ("<fz>" + marker(n) + "</fz>").getBytes(StandardCharsets.UTF_8);
                }
            }
            case HUGE_NUMBERS -> body = Platform.JSON.writeValueAsString(replaceOne(sample, n,
                    v -> NODES.numberNode(new java.math.BigDecimal("1e400"))))
                    .replace("1E+400", pick(List.of("1e400", "-99999999999999999999999999999", "1.5e-400", "NaN",
                            "-0", "1.5", "9223372036854775808")))
                    .getBytes(StandardCharsets.UTF_8);
            case INJECTION -> body = Platform.JSON.writeValueAsBytes(replaceStrings(sample, n));
            case CRLF_IN_HEADERS -> {
                raw = true;
                headers.put("Idempotency-Key", marker(n) + pick(List.of("\r\nX-Injected: 1", "\nX-Injected: 1",
                        "\r", "\u0000", "\r\n\r\nGET / HTTP/1.1")));
                headers.put("X-Fz", "a\rb");
            }
            case PATH_TRAVERSAL, BAD_QUERY -> {
            }
            case WRONG_SHAPE -> body = pick(List.of("[]", "\"" + marker(n) + "\"", "null", "123", "true",
                    "[{\"" + marker(n) + "\":1}]")).getBytes(StandardCharsets.UTF_8);
            case DUPLICATE_KEYS -> {
                String json = sample == null ? "{\"text\":\"" + marker(n) + "\"}"
                        : Platform.JSON.writeValueAsString(sample);
                Iterator<String> names = sample == null ? List.of("text").iterator() : sample.fieldNames();
                String first = names.hasNext() ? names.next() : "text";
                body = json.replaceFirst("\\}$", ",\"" + first + "\":[\"" + marker(n) + "\"]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        if (op.method().equals("GET") || op.method().equals("DELETE")) {
            // A body on a GET is ignored by the services: the request's parameters carry the hostility.
            body = h == Hostility.ODD_CONTENT_TYPE || h == Hostility.OVERSIZED_BODY ? body : null;
        }
        return new Request(n, op, h, op.method(), path + query, headers, contentType, body, raw);
    }

    private String parameterValue(int n, JsonNode p) {
        JsonNode schema = resolve(p.path("schema"));
        String type = schema.path("type").asText("string");
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asText();
        }
        if ("uuid".equals(schema.path("format").asText())) {
            return UUID.randomUUID().toString();
        }
        return switch (type) {
            case "integer", "number" -> String.valueOf(1 + random.nextInt(50));
            case "boolean" -> "true";
            default -> marker(n);
        };
    }

    private String badQueryValue() {
        return URLEncoder.encode(pick(List.of("-1", "0", "99999999999999999999", "1e99", "abc", "NaN", "",
                "2026-13-45", "not-a-date", "P-1D", "%%%", "' OR 1=1 --", "x".repeat(3000), "{{7*7}}",
                "AAAA====", "Europe/Atlantis")), StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return schemas.getOrDefault(ref.substring("#/components/schemas/".length()), NODES.objectNode());
        }
        return schema;
    }

    private JsonNode sampleBody(int n, Operation op) {
        if (op.path().equals("/api/v1/channel-events")) {
            ObjectNode event = NODES.objectNode().put("specversion", "1.0").put("id", marker(n))
                    .put("source", "/adapters/fuzz").put("type", "tierdesk.channel.message.received");
            ObjectNode data = event.putObject("data").put("channel", "email").put("subject", marker(n))
                    .put("body", marker(n));
            data.putObject("customer").put("externalId", marker(n)).put("name", marker(n)).put("language", "en");
            return event;
        }
        return sample(n, op.body(), 0);
    }

    private JsonNode sample(int n, JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (s.has("allOf")) {
            return sample(n, s.path("allOf").get(0), depth + 1);
        }
        if (s.has("oneOf") || s.has("anyOf")) {
            return sample(n, s.has("oneOf") ? s.path("oneOf").get(0) : s.path("anyOf").get(0), depth + 1);
        }
        if (s.has("enum")) {
            return s.path("enum").get(0);
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                s.path("properties").properties().forEach(e -> o.set(e.getKey(), sample(n, e.getValue(), depth + 1)));
                yield o;
            }
            case "array" -> NODES.arrayNode().add(sample(n, s.path("items"), depth + 1));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(0.5);
            case "boolean" -> NODES.booleanNode(true);
            default -> switch (s.path("format").asText()) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode(Instant.now().toString());
                case "date" -> NODES.textNode(LocalDate.now().toString());
                default -> NODES.textNode(marker(n));
            };
        };
    }

    /** The sample with one of its values (at any depth) replaced; the sample itself when it has none. */
    private JsonNode replaceOne(JsonNode sample, int n, java.util.function.UnaryOperator<JsonNode> with) {
        if (sample == null || !sample.isContainerNode() || sample.isEmpty()) {
            return NODES.objectNode().set("text", with.apply(NODES.textNode(marker(n))));
        }
        JsonNode copy = sample.deepCopy();
        List<JsonNode[]> slots = new ArrayList<>();
        collect(copy, slots);
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode parent = slot[0];
        String name = slot[1].asText();
        if (parent instanceof ObjectNode o) {
            o.set(name, with.apply(o.get(name)));
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(name), with.apply(a.get(Integer.parseInt(name))));
        }
        return copy;
    }

    private void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                slots.add(new JsonNode[] {o, NODES.textNode(e.getKey())});
                collect(e.getValue(), slots);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new JsonNode[] {a, NODES.textNode(String.valueOf(i))});
                collect(a.get(i), slots);
            }
        }
    }

    private JsonNode replaceStrings(JsonNode sample, int n) {
        if (sample == null) {
            return NODES.objectNode().put("text", marker(n) + pick(INJECTIONS));
        }
        JsonNode copy = sample.deepCopy();
        List<JsonNode[]> slots = new ArrayList<>();
        collect(copy, slots);
        for (JsonNode[] slot : slots) {
            if (slot[0] instanceof ObjectNode o && o.get(slot[1].asText()).isTextual()
                    && o.get(slot[1].asText()).asText().startsWith("fz")) {
                o.put(slot[1].asText(), marker(n) + " " + pick(INJECTIONS));
            }
        }
        return copy;
    }

    private Answer send(Request r) {
        try {
            return r.raw() ? sendRaw(r) : sendHttp(r);
        } catch (IOException e) {
            if (r.raw()) {
                return new Answer(r, -1, "", "", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            // A kept-alive connection the server had closed (after an earlier refusal at the HTTP layer, it seems)
            // fails before any byte: the client drops it, and the request goes again on a new one.
            resent.incrementAndGet();
            try {
                return sendHttp(r);
            } catch (Exception again) {
                return new Answer(r, -1, "", "", again.getClass().getSimpleName() + ": " + again.getMessage());
            }
        } catch (Exception e) {
            return new Answer(r, -1, "", "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Answer sendHttp(Request r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(platform.uri(r.op().service(), r.target()))
                .timeout(Duration.ofSeconds(30));
        r.headers().forEach(b::header);
        if (r.body() != null) {
            if (!r.contentType().isEmpty()) {
                b.header("Content-Type", r.contentType());
            }
            b.method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        } else {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> answer = platform.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        String body;
        try (InputStream in = answer.body()) {
            // A live stream that was let in would never end: its first bytes are enough.
            body = contentType.startsWith("text/event-stream") ? "" : new String(in.readNBytes(2 * 1024 * 1024),
                    StandardCharsets.UTF_8);
        }
        return new Answer(r, answer.statusCode(), contentType, body, null);
    }

    /** Header values the JDK's client refuses to send (CR, LF, NUL) go over a socket of our own. */
    private Answer sendRaw(Request r) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", platform.port(r.op().service()))) {
            socket.setSoTimeout(30_000);
            byte[] body = r.body() == null ? new byte[0] : r.body();
            StringBuilder head = new StringBuilder(r.method() + " " + r.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body.length > 0) {
                head.append("Content-Type: ").append(r.contentType()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null) {
                return new Answer(r, 0, "", "", null);
            }
            String contentType = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
            }
            char[] buffer = new char[8192];
            int read = r.headers().get("Accept").startsWith("text/event-stream") ? 0 : in.read(buffer);
            return new Answer(r, Integer.parseInt(status.split(" ")[1]), contentType,
                    read > 0 ? new String(buffer, 0, read) : "", null);
        }
    }

    // ---------- what the answers say ----------

    private void report(List<Answer> answers) {
        Map<String, int[]> byService = new TreeMap<>();
        Map<String, int[]> byHostility = new TreeMap<>();
        for (Answer a : answers) {
            int[] s = byService.computeIfAbsent(a.request().op().service(), k -> new int[6]);
            int[] h = byHostility.computeIfAbsent(a.request().hostility().name().toLowerCase().replace('_', '-'),
                    k -> new int[6]);
            int column = a.status() < 0 ? 4 : a.status() == 0 ? 5 : a.status() / 100 == 2 ? 1 : a.status() / 100 == 4
                    ? 2 : a.status() / 100 == 5 ? 3 : 4;
            for (int[] row : List.of(s, h)) {
                row[0]++;
                row[column]++;
            }
            String what = a.request().op().service() + " " + a.request().op().name() + " ["
                    + a.request().hostility().name().toLowerCase() + " #" + a.request().n() + "]";
            if (a.status() < 0) {
                failures.add(what + ": no answer (" + a.error() + ")");
            } else if (a.status() >= 500) {
                failures.add(what + ": " + a.status() + " " + snippet(a.body()));
            } else if (a.status() >= 400 && a.request().raw()) {
                raw.merge(a.status(), 1, Integer::sum);
            } else if (a.status() >= 400 && httpLayer(a)) {
                httpLayer.merge(a.status(), 1, Integer::sum);
            } else if (a.status() >= 400) {
                String problem = problemFault(a);
                if (problem != null) {
                    failures.add(what + ": " + a.status() + " " + problem);
                }
            } else if (a.status() / 100 == 3 || (a.status() > 0 && a.status() < 200)) {
                failures.add(what + ": unexpected " + a.status());
            }
        }
        System.out.println();
        table("service", byService);
        List<String> accepted = answers.stream().filter(a -> a.status() / 100 == 2
                        && !a.request().op().method().equals("GET") && !a.request().hostility().mayBeValid())
                .map(a -> a.request().op().service() + " " + a.request().op().name() + " took "
                        + a.request().hostility().name().toLowerCase().replace('_', '-') + " (" + a.status() + ")")
                .distinct().sorted().toList();
        if (!accepted.isEmpty()) {
            System.out.println("changing operations that answered 2xx to input meant to be broken (check they should):");
            accepted.forEach(line -> System.out.println("  " + line));
        }
        System.out.println();
        table("hostility", byHostility);
        if (!raw.isEmpty()) {
            System.out.println("CR, LF or NUL in header values (over a raw socket), answers by status: " + raw
                    + " — any 4xx is fine: the HTTP decoder refuses most before a handler runs");
        }
        if (!httpLayer.isEmpty()) {
            System.out.println("refused by the HTTP decoder before any handler, without a problem body: "
                    + httpLayer + " (a request line or headers over their limits)");
        }
        if (resent.get() > 0) {
            System.out.println("sent again on a new connection (a kept-alive one was found closed): " + resent.get());
        }
    }

    /**
     * A refusal from the server's HTTP decoder, which answers before any handler runs and cannot give a problem body:
     * a request line or header too long (414, 431), or a request it cannot parse (400) — empty and untyped.
     */
    private static boolean httpLayer(Answer a) {
        return (a.status() == 400 || a.status() == 414 || a.status() == 431) && a.contentType().isEmpty()
                && a.body().isEmpty();
    }

    /** What is wrong with a 4xx answer as a problem, or null when it is a problem naming what is wrong. */
    private static String problemFault(Answer a) {
        if (!a.contentType().startsWith("application/problem+json")) {
            return "not application/problem+json but '" + a.contentType() + "': " + snippet(a.body());
        }
        try {
            JsonNode problem = Platform.JSON.readTree(a.body());
            boolean names = problem.path("errors").size() > 0 || !problem.path("detail").asText("").isBlank();
            return names ? null : "a problem that names nothing: " + snippet(a.body());
        } catch (IOException e) {
            return "a problem body that is not JSON: " + snippet(a.body());
        }
    }

    private static String snippet(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static void table(String by, Map<String, int[]> rows) {
        System.out.printf("%-18s %9s %7s %7s %5s %6s %7s%n", by, "requests", "2xx", "4xx", "5xx", "other",
                "closed");
        int[] total = new int[6];
        rows.forEach((k, r) -> {
            System.out.printf("%-18s %9d %7d %7d %5d %6d %7d%n", k, r[0], r[1], r[2], r[3], r[4], r[5]);
            for (int i = 0; i < 6; i++) {
                total[i] += r[i];
            }
        });
        System.out.printf("%-18s %9d %7d %7d %5d %6d %7d%n", "total", total[0], total[1], total[2], total[3],
                total[4], total[5]);
    }

    // ---------- poison records ----------

    /** Poison on every topic some service consumes; each consumer of it must dead-letter each, with a reason. */
    private void poison() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", platform.bootstrap);
        Map<String, Set<String>> consumers = new TreeMap<>();
        try (Admin admin = Admin.create(props)) {
            List<String> groups = admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions
                    .forConsumerGroups()).all().get().stream().map(org.apache.kafka.clients.admin.GroupListing::groupId)
                    .toList();
            for (ConsumerGroupDescription g : admin.describeConsumerGroups(groups).all().get().values()) {
                for (MemberDescription m : g.members()) {
                    for (TopicPartition tp : m.assignment().topicPartitions()) {
                        // A group of one replica's own (the search index's: a uuid in its id) reads the stream
                        // as a signal and leaves poison to the topic's durable consumers, which dead-letter it.
                        if (Platform.TOPICS.contains(tp.topic()) && !PER_REPLICA.matcher(g.groupId()).find()) {
                            consumers.computeIfAbsent(tp.topic(), k -> new TreeSet<>()).add(g.groupId());
                        }
                    }
                }
            }
        }
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        Map<String, Map<String, String>> sent = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(props);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : consumers.keySet()) {
                dlq.partitionsFor(topic + ".dlq", Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic + ".dlq", p.partition())));
            }
            dlq.assign(partitions);
            dlq.seekToEnd(partitions);
            partitions.forEach(dlq::position);
            int n = 0;
            for (String topic : consumers.keySet()) {
                String known = switch (topic) {
                    case "tierdesk.tickets" -> "tierdesk.ticket.opened.v1";
                    case "tierdesk.routing" -> "tierdesk.routing.triaged.v1";
                    case "tierdesk.sla" -> "tierdesk.sla.breached.v1";
                    case "tierdesk.knowledge" -> "tierdesk.knowledge.article.published.v1";
                    default -> "tierdesk.notification.delivered.v1";
                };
                for (String kind : List.of("not-a-cloudevent", "unknown-type", "invalid-payload", "malformed-json",
                        "huge")) {
                    String key = "fz" + run + "p" + (n++);
                    ProducerRecord<String, byte[]> record = switch (kind) {
                        case "not-a-cloudevent" -> new ProducerRecord<>(topic, key, ("garbage " + key)
                                .getBytes(StandardCharsets.UTF_8));
                        case "unknown-type" -> event(topic, key, "tierdesk.fuzz.unknown.v1",
                                "{\"ticketId\":\"" + UUID.randomUUID() + "\"}");
                        case "invalid-payload" -> event(topic, key, known, "{\"ticketId\":\"" + key
                                + "\",\"number\":[1,2],\"at\":\"yesterday\"}");
                        case "malformed-json" -> event(topic, key, known, "{\"ticketId\": \"" + key + "\",,");
                        default -> event(topic, key, known, "{\"ticketId\":\"" + key + "\",\"text\":\""
                                + "h".repeat(500_000) + "\"}");
                    };
                    producer.send(record).get();
                    sent.computeIfAbsent(topic, k -> new TreeMap<>()).put(key, kind);
                }
            }
            // Every consumer of a topic dead-letters each of its poison records, naming itself and the reason.
            Map<String, Map<String, Set<String>>> deadLettered = new HashMap<>();
            Map<String, String> reasons = new HashMap<>();
            Instant until = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(until) && !allDeadLettered(sent, consumers, deadLettered)) {
                for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().startsWith("fz" + run + "p")) {
                        continue;
                    }
                    String consumer = header(r, "tierdesk-consumer");
                    String reason = header(r, "dead-letter-reason");
                    deadLettered.computeIfAbsent(r.key(), k -> new HashMap<>()).computeIfAbsent(consumer,
                            k -> new TreeSet<>()).add(reason);
                    reasons.put(r.key() + "/" + consumer, reason);
                    if (reason == null || reason.isBlank()) {
                        failures.add("poison " + r.key() + " dead-lettered by " + consumer + " without a reason");
                    }
                }
            }
            System.out.println();
            System.out.printf("%-24s %-18s %6s %s%n", "topic", "poison", "sent", "dead-lettered by (of consumers)");
            for (Map.Entry<String, Map<String, String>> t : sent.entrySet()) {
                int expected = consumers.get(t.getKey()).size();
                for (Map.Entry<String, String> p : t.getValue().entrySet()) {
                    int got = deadLettered.getOrDefault(p.getKey(), Map.of()).size();
                    String example = reasons.entrySet().stream().filter(e -> e.getKey().startsWith(p.getKey() + "/"))
                            .map(Map.Entry::getValue).findFirst().orElse("-");
                    System.out.printf("%-24s %-18s %6d %d of %d  %s%n", t.getKey(), p.getValue(), 1, got, expected,
                            snippet(example == null ? "-" : example).substring(0, Math.min(70,
                                    snippet(example == null ? "-" : example).length())));
                    if (got < expected) {
                        failures.add("poison " + p.getValue() + " on " + t.getKey() + " dead-lettered by " + got
                                + " of its " + expected + " consumers " + consumers.get(t.getKey()) + " (named "
                                + deadLettered.getOrDefault(p.getKey(), Map.of()).keySet() + ")");
                    }
                }
            }
        }
    }

    private static ProducerRecord<String, byte[]> event(String topic, String key, String type, String json) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/fuzz".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static boolean allDeadLettered(Map<String, Map<String, String>> sent, Map<String, Set<String>> consumers,
            Map<String, Map<String, Set<String>>> deadLettered) {
        for (Map.Entry<String, Map<String, String>> t : sent.entrySet()) {
            for (String key : t.getValue().keySet()) {
                if (deadLettered.getOrDefault(key, Map.of()).size() < consumers.get(t.getKey()).size()) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------- the consumers still consume ----------

    /** One valid ticket after all that: each service must still take it in. */
    private void canary() throws Exception {
        try (Platform.Events events = platform.events()) {
            ObjectNode event = NODES.objectNode().put("specversion", "1.0").put("id", "fz" + run + "-canary")
                    .put("source", "/adapters/fuzz").put("type", "tierdesk.channel.message.received");
            ObjectNode data = event.putObject("data").put("channel", "email")
                    .put("subject", "VPN disconnects every few minutes").put("body", "After the fuzz, a real request.");
            data.putObject("customer").put("externalId", "fz" + run + "-canary").put("name", "Canary")
                    .put("email", "fz" + run + "-canary@example.com").put("language", "en");
            data.putObject("diagnostics").put("product", "VPN");
            JsonNode opened = Platform.answered(platform.send("intake", "POST", "/api/v1/channel-events",
                    platform.token("channel", "fuzz"), event, "application/cloudevents+json"), "the canary ticket");
            String ticket = opened.path("ticketId").asText();
            System.out.println();
            System.out.println("canary " + opened.path("number").asText() + ": a valid ticket after the fuzz");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("escalation-router", "tierdesk.routing.triaged.v1");
            expected.put("sla-monitor", "tierdesk.sla.clock-started.v1");
            expected.put("knowledge-service", "tierdesk.knowledge.solutions-suggested.v1");
            expected.put("notification-service", "tierdesk.notification.delivered.v1");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Platform.Seen seen = events.await(ticket, s -> s.type().equals(e.getValue()), Duration.ofSeconds(60));
                System.out.printf("  %-22s %s%n", e.getKey(), seen == null ? "NOTHING within 60 s" : e.getValue());
                if (seen == null) {
                    failures.add(e.getKey() + " did not take in the canary ticket (no " + e.getValue() + ")");
                }
            }
            Instant until = Instant.now().plusSeconds(60);
            String assignee = "";
            while (Instant.now().isBefore(until)) {
                HttpResponse<String> view = platform.send("intake", "GET", "/api/v1/tickets/" + ticket,
                        platform.token("supervisor", "fuzz"), null);
                JsonNode v = view.statusCode() == 200 ? Platform.JSON.readTree(view.body()) : NODES.objectNode();
                if (!v.path("tier").asText("").isEmpty()) {
                    assignee = v.path("tier").asText();
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("  %-22s %s%n", "ticket-intake", assignee.isEmpty() ? "NOTHING within 60 s"
                    : "its view shows the line " + assignee);
            if (assignee.isEmpty()) {
                failures.add("ticket-intake's view did not take in the canary's routing");
            }
            for (String service : Platform.SERVICES) {
                HttpResponse<String> ready = platform.http.send(HttpRequest.newBuilder(platform.uri(service,
                        "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() != 200) {
                    failures.add(service + " is not ready after the fuzz: " + snippet(ready.body()));
                }
            }
        }
    }

    // ---------- nothing refused was kept ----------

    /** Each service's database, searched for the markers of refused requests. */
    private void dataKept(List<Answer> answers) throws Exception {
        Set<Integer> accepted = new TreeSet<>();
        answers.stream().filter(a -> a.status() / 100 == 2).forEach(a -> accepted.add(a.request().n()));
        Pattern marker = Pattern.compile("fz" + run + "x(\\d+)");
        String databases = Platform.env("TIERDESK_DATABASES", "");
        System.out.println();
        System.out.printf("%-24s %s%n", "database", "markers of refused requests found");
        for (String db : databases.split("\\s+")) {
            if (db.isBlank()) {
                continue;
            }
            ProcessBuilder dump = new ProcessBuilder("pg_dump", "--data-only", "-h", Platform.env("TIERDESK_PG_HOST",
                    "127.0.0.1"), "-p", Platform.env("TIERDESK_PG_PORT", "5432"), "-U",
                    Platform.env("TIERDESK_PG_ADMIN_USER", "postgres"), db).redirectErrorStream(true);
            dump.environment().put("PGPASSWORD", Platform.env("TIERDESK_PG_ADMIN_PASSWORD", ""));
            Process process = dump.start();
            Set<Integer> refusedButKept = new TreeSet<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains("fz" + run + "x")) {
                        Matcher m = marker.matcher(line);
                        while (m.find()) {
                            int n = Integer.parseInt(m.group(1));
                            if (!accepted.contains(n)) {
                                refusedButKept.add(n);
                            }
                        }
                    }
                }
            }
            if (process.waitFor() != 0) {
                failures.add("pg_dump of " + db + " failed");
                continue;
            }
            System.out.printf("%-24s %d%n", db, refusedButKept.size());
            for (int n : refusedButKept) {
                Answer a = answers.get(n);
                failures.add(db + " keeps input of refused request #" + n + " (" + a.request().op().service() + " "
                        + a.request().op().name() + ", " + a.request().hostility().name().toLowerCase() + ", answered "
                        + a.status() + ")");
            }
        }
    }
}
