import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * `./tierdesk chaos`: a steady stream of tickets, customer follow-ups and resolutions through the platform the
 * launcher started for it alone, while faults come in turn — each service killed with SIGKILL and started again, the
 * broker killed and started again, the database crashed (an immediate stop) and started again. The stream behaves
 * like a channel adapter and an agent's console: what fails is sent again with the same idempotency key until it is
 * answered. Afterwards it counts, from the services' event stores, the delivery outbox and the mail catcher, that
 * every accepted request is one ticket, each ticket was triaged, timed, suggested, acknowledged and assigned once,
 * no agent went over capacity, no warning or breach fired twice, every receipt mail arrived, every webhook delivery
 * reached the webhook receiver this command runs (by webhook-id, signed) — and exits 1 if a count is off. Each fault's time to heal (from the fault until a ticket sent after it has gone through every service)
 * is printed.
 */
public class Chaos {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Platform platform = new Platform();
    private final boolean quick;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Path root = Path.of(System.getProperty("user.dir"));
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, String> opened = new ConcurrentHashMap<>(); // ticketId -> customer
    private final Set<String> chats = ConcurrentHashMap.newKeySet(); // tickets opened through the chat channel
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> hooks = new ConcurrentHashMap<>(); // webhook-id -> 2xx answers
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger hookRefusals = new AtomicInteger();
    private final byte[] hookKey = new byte[32];
    private HttpServer receiver;
    private final AtomicInteger followUps = new AtomicInteger();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> heal = new LinkedHashMap<>();
    private volatile boolean flowing = true;

    Chaos(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--short");
        boolean ok;
        try {
            ok = new Chaos(quick).go();
        } catch (Platform.Failed e) {
            System.out.println("chaos FAILED: " + e.getMessage());
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    boolean go() throws Exception {
        // The short run (the suite's) at half the rate: the suite's machine is shared and restarts are what it times.
        int rate = quick ? 2 : 4;
        Duration gap = Duration.ofSeconds(quick ? 4 : 10);
        // The short run keeps the kill and restart and the database crash; a second instance taking over costs it
        // some 85 s more (two starts under load on the suite's two cores) and is the full run's.
        List<String> faults = quick ? List.of("escalation-router", "postgres")
                : List.of("ticket-intake", "escalation-router", "sla-monitor", "knowledge-service",
                        "notification-service", "kafka", "postgres", "two ticket-intakes", "two escalation-routers",
                        "two sla-monitors", "two knowledge-services", "two notification-services");
        System.out.printf("Tierdesk chaos — run %s, %d tickets/s, faults: %s%n", run, rate, String.join(", ", faults));
        prepare();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        Instant started = Instant.now();
        clock.scheduleAtFixedRate(() -> {
            if (flowing) {
                int n = sequence.incrementAndGet();
                senders.submit(() -> ticketLife(n));
            }
        }, 0, 1000 / rate, TimeUnit.MILLISECONDS);
        try (Platform.Events events = platform.events()) {
            Thread.sleep(gap.toMillis());
            for (String fault : faults) {
                if (fault.startsWith("two ")) {
                    twoInstances(events, fault);
                    Thread.sleep(gap.toMillis());
                    continue;
                }
                Instant at = Instant.now();
                String done = inflict(fault);
                String probe = probe();
                Duration healed = throughEveryService(events, probe, Duration.ofSeconds(180));
                heal.put(fault, done + "; healed " + (healed == null ? "NEVER (within 180 s)"
                        : String.format("%.1f s", Duration.between(at, Instant.now()).toMillis() / 1000.0)));
                System.out.printf("  %-28s %s%n", fault, heal.get(fault));
                if (healed == null) {
                    failures.add("after " + fault + " a new ticket did not go through every service");
                }
                Thread.sleep(gap.toMillis());
            }
        }
        flowing = false;
        clock.shutdown();
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        System.out.printf("load stopped after %d s: %d tickets accepted, %d follow-ups, %d resolutions, %d retries "
                        + "of requests that met a fault%n", Duration.between(started, Instant.now()).toSeconds(),
                opened.size(), followUps.get(), resolutions.get(), retries.get());
        refused.forEach(r -> failures.add("refused: " + r));
        count();
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("chaos passed: every count exact");
            return true;
        }
        System.out.println("chaos FAILED:");
        failures.forEach(f -> System.out.println("  - " + f));
        return false;
    }

    // ---------- the platform of its own ----------

    /**
     * Agents to take the tickets, a premium policy short enough for warnings and breaches to fire, and a webhook
     * receiver: the chat channel's adapter (its customers' notices) and an integration (every opening).
     */
    private void prepare() throws Exception {
        new SecureRandom().nextBytes(hookKey);
        startReceiver();
        platform.call("notification", "PUT", "/api/v1/webhooks/chaos", platform.token("admin", "chaos"), Map.of(
                "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "secret", "whsec_" + Base64.getEncoder().encodeToString(hookKey),
                "channels", List.of("chat"), "types", List.of("tierdesk.ticket.opened.v1")));
        String supervisor = platform.token("supervisor", "chaos");
        for (int i = 1; i <= 6; i++) {
            platform.call("router", "PUT", "/api/v1/agents/chaos-l1-" + i, supervisor, Map.of("name", "Agent " + i,
                    "tier", "L1", "capacity", 25, "skills", List.of("vpn"), "supervisor", "chaos"));
            platform.call("router", "POST", "/api/v1/agents/chaos-l1-" + i + "/presence", supervisor,
                    Map.of("presence", "online"));
        }
        String admin = platform.token("admin", "chaos");
        JsonNode policy = platform.call("sla", "GET", "/api/v1/policies/premium", admin, null);
        ObjectNode draft = NODES.objectNode();
        for (String field : List.of("calendar", "defaultPriority", "warnings", "targets")) {
            draft.set(field, policy.get(field));
        }
        draft.get("targets").properties().forEach(t -> ((ObjectNode) t.getValue()).put("firstResponse", "PT30S"));
        platform.call("sla", "PUT", "/api/v1/policies/premium", admin, draft);
        for (String plan : List.of("warranty", "premium")) {
            platform.call("intake", "PUT", "/api/v1/customers/chaos-" + plan, supervisor,
                    Map.of("name", "Chaos " + plan, "language", "en", "plan", plan));
        }
    }

    /** One ticket's share of the stream: its opening; every third a follow-up; every fourth a resolution. */
    private void ticketLife(int n) {
        try {
            String customer = "chaos-" + run + "-c" + n;
            String plan = n % 2 == 0 ? "premium" : "warranty";
            ObjectNode data = message(n, customer, "VPN drops every few minutes (" + n + ")");
            if (n % 5 == 1) {
                data.put("channel", "chat"); // its notices go to the chat adapter's webhook, not by e-mail
            }
            // The plan is the customer's: made known before the first message, as an operator would.
            send("intake", "PUT", "/api/v1/customers/" + customer, platform.token("supervisor", "chaos"),
                    Map.of("name", "Customer " + n, "email", customer + "@example.com", "language", "en",
                            "plan", plan), null, "customer " + n);
            JsonNode answer = send("intake", "POST", "/api/v1/channel-events", platform.token("channel", "chaos"),
                    event("chaos-" + run + "-" + n, data), "application/cloudevents+json", "ticket " + n);
            if (answer == null) {
                return;
            }
            String ticket = answer.path("ticketId").asText();
            opened.put(ticket, customer);
            if (n % 5 == 1) {
                chats.add(ticket);
            }
            if (n % 3 == 0) {
                ObjectNode more = message(n, customer, "Re: [" + answer.path("number").asText() + "] still dropping");
                if (send("intake", "POST", "/api/v1/channel-events", platform.token("channel", "chaos"),
                        event("chaos-" + run + "-" + n + "-f", more), "application/cloudevents+json",
                        "follow-up " + n) != null) {
                    followUps.incrementAndGet();
                }
            }
            if (n % 4 == 0) {
                if (send("intake", "POST", "/api/v1/tickets/" + ticket + "/resolution",
                        platform.token("supervisor", "chaos"), Map.of("solutionSummary", "Router firmware updated."),
                        null, "resolution " + n, "chaos-" + run + "-r" + n) != null) {
                    resolutions.incrementAndGet();
                }
            }
        } catch (Exception e) {
            refused.add("ticket " + n + ": " + e);
        }
    }

    private ObjectNode message(int n, String customer, String subject) {
        ObjectNode data = NODES.objectNode().put("channel", "email").put("subject", subject)
                .put("body", "The VPN disconnects every few minutes for the whole office.").put("urgency", "high");
        data.putObject("customer").put("externalId", customer).put("name", "Customer " + n)
                .put("email", customer + "@example.com").put("language", "en");
        data.putObject("diagnostics").put("product", "VPN");
        return data;
    }

    private static ObjectNode event(String id, ObjectNode data) {
        ObjectNode event = NODES.objectNode().put("specversion", "1.0").put("id", id)
                .put("source", "/adapters/chaos").put("type", "tierdesk.channel.message.received");
        event.set("data", data);
        return event;
    }

    private JsonNode send(String service, String method, String path, String bearer, Object body, String type,
            String what) throws Exception {
        return send(service, method, path, bearer, body, type, what, null);
    }

    /**
     * Sends until answered: a connection that fails, a timeout or a 5xx (a service, the broker or the database
     * away) is sent again after half a second with the same idempotency key — the CloudEvent's id, or the header.
     * A 4xx is recorded as refused.
     */
    private JsonNode send(String service, String method, String path, String bearer, Object body, String type,
            String what, String idempotencyKey) throws Exception {
        Instant until = Instant.now().plusSeconds(240);
        int attempt = 0;
        while (true) {
            // A request that met a fault goes to intake's second instance every other time, when one runs.
            int port = platform.port(service) + (attempt++ % 2 == 1 && service.equals("intake") ? 10 : 0);
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                                + path))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", type == null ? "application/json" : type)
                        .method(method, HttpRequest.BodyPublishers.ofString(Platform.JSON.writeValueAsString(body)));
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                HttpResponse<String> answer = platform.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return Platform.JSON.readTree(answer.body());
                }
                if (answer.statusCode() / 100 == 4) {
                    refused.add(what + ": " + answer.statusCode() + " " + answer.body());
                    return null;
                }
            } catch (IOException e) {
                // the service is away: as any client, send it again
            }
            if (Instant.now().isAfter(until)) {
                refused.add(what + ": no answer within 240 s");
                return null;
            }
            retries.incrementAndGet();
            Thread.sleep(500);
        }
    }

    /**
     * The webhook receiver, as an adapter would be: it checks each delivery's signature, counts it by webhook-id,
     * and answers the first attempt of every fifth delivery with a 503 so that the retry path runs under the faults.
     */
    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id"));
            String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            String signatures = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"));
            int status;
            if (!signed(id, timestamp, body, signatures)) {
                badSignatures.incrementAndGet();
                status = 400;
            } else if (Math.floorMod(id.hashCode(), 5) == 0 && refusedOnce.add(id)) {
                hookRefusals.incrementAndGet();
                status = 503;
            } else {
                hooks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    private boolean signed(String id, String timestamp, byte[] body, String signatures) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hookKey, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    // ---------- faults ----------

    private String inflict(String fault) throws Exception {
        Instant at = Instant.now();
        switch (fault) {
            case "postgres" -> launcher("infra", "restart-postgres");
            case "kafka" -> {
                kill("kafka");
                Thread.sleep(3000);
                launcher("infra", "up");
            }
            default -> {
                kill(fault);
                Thread.sleep(2000);
                launcher("up", fault);
            }
        }
        return String.format("%s back after %.1f s", fault.equals("postgres") ? "crashed and" : "killed and",
                Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * A second instance beside the first, then the first killed: healed once a ticket sent right after the kill has
     * gone through every service, with the second instance alone doing the killed one's work. Then the first is
     * started again and the second stopped.
     */
    private void twoInstances(Platform.Events events, String fault) throws Exception {
        String service = fault.substring(4, fault.length() - 1);
        launcher("up", service + "@2");
        Instant at = Instant.now();
        kill(service);
        String probe = probe();
        Duration healed = throughEveryService(events, probe, Duration.ofSeconds(180));
        heal.put(fault, "the first killed, the second alone; healed " + (healed == null ? "NEVER (within 180 s)"
                : String.format("%.1f s", Duration.between(at, Instant.now()).toMillis() / 1000.0)));
        System.out.printf("  %-28s %s%n", fault, heal.get(fault));
        if (healed == null) {
            failures.add("with " + service + "'s first instance killed, its second did not take a new ticket");
        }
        launcher("up", service);
        launcher("down", service + "@2");
    }

    private void kill(String process) throws Exception {
        Path pid = Path.of(Platform.env("TIERDESK_HOME", ".tierdesk"), "run", process + ".pid");
        long id = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(id).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(id).ifPresent(h -> h.onExit().join());
    }

    private void launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("tierdesk").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Mid-run, a restart starts the build the run began with, never a new one.
        builder.environment().put("TIERDESK_NO_BUILD", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new Platform.Failed("./tierdesk " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** A ticket sent right after a fault: healed once it has gone through every service. */
    private String probe() throws Exception {
        int n = sequence.incrementAndGet();
        String customer = "chaos-" + run + "-c" + n;
        JsonNode answer = send("intake", "POST", "/api/v1/channel-events", platform.token("channel", "chaos"),
                event("chaos-" + run + "-" + n, message(n, customer, "Probe " + n)), "application/cloudevents+json",
                "probe " + n);
        if (answer == null) {
            throw new Platform.Failed("the probe was refused");
        }
        opened.put(answer.path("ticketId").asText(), customer);
        return answer.path("ticketId").asText();
    }

    private static Duration throughEveryService(Platform.Events events, String ticket, Duration within)
            throws Exception {
        Instant start = Instant.now();
        for (String type : List.of("tierdesk.routing.triaged.v1", "tierdesk.sla.clock-started.v1",
                "tierdesk.knowledge.solutions-suggested.v1", "tierdesk.notification.delivered.v1")) {
            Duration left = within.minus(Duration.between(start, Instant.now()));
            if (left.isNegative() || events.await(ticket, s -> s.type().equals(type), left) == null) {
                return null;
            }
        }
        return Duration.between(start, Instant.now());
    }

    // ---------- the counts ----------

    private void count() throws Exception {
        int tickets = opened.size();
        System.out.println();
        System.out.println("settling: waiting until every service has taken in every ticket");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("tierdesk_intake", "SELECT count(*) FROM ticket_view v JOIN ticket_routing r USING (ticket_id) WHERE r.tier IS NOT NULL");
        expected.put("tierdesk_router", "SELECT count(DISTINCT stream_id) FROM event WHERE type = "
                + "'tierdesk.routing.triaged.v1'");
        expected.put("tierdesk_sla", "SELECT count(DISTINCT stream_id) FROM event WHERE type = "
                + "'tierdesk.sla.clock-started.v1'");
        expected.put("tierdesk_knowledge", "SELECT count(DISTINCT stream_id) FROM event WHERE type = "
                + "'tierdesk.knowledge.solutions-suggested.v1'");
        expected.put("tierdesk_notification", "SELECT count(DISTINCT ticket_id) FROM delivery WHERE kind = "
                + "'customer.receipt' AND state = 'delivered'");
        Instant settleStart = Instant.now();
        Instant until = settleStart.plusSeconds(180);
        Map<String, Long> got = new LinkedHashMap<>();
        while (true) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                got.put(e.getKey(), number(e.getKey(), e.getValue()));
            }
            if (got.values().stream().allMatch(v -> v >= tickets) || Instant.now().isAfter(until)) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("settled in %.1f s%n", Duration.between(settleStart, Instant.now()).toMillis() / 1000.0);

        System.out.println();
        System.out.printf("%-62s %8s %8s%n", "count", "expected", "found");
        check("tickets opened (intake's event store)", tickets, number("tierdesk_intake",
                "SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1'"));
        check("customers with more than one ticket (a request opened twice)", 0, number("tierdesk_intake",
                "SELECT count(*) FROM (SELECT payload -> 'customer' ->> 'externalId' FROM event WHERE type = "
                        + "'tierdesk.ticket.opened.v1' GROUP BY 1 HAVING count(*) > 1) d"));
        check("customer follow-ups appended", followUps.get(), number("tierdesk_intake", "SELECT count(*) FROM event "
                + "WHERE type = 'tierdesk.ticket.customer-message-received.v1'"));
        check("resolutions", resolutions.get(), number("tierdesk_intake", "SELECT count(*) FROM event WHERE type = "
                + "'tierdesk.ticket.resolved.v1'"));
        check("tickets in intake's view with their line", tickets, got.get("tierdesk_intake"));
        check("tickets triaged (router)", tickets, got.get("tierdesk_router"));
        check("triage decisions beyond one per ticket", 0, number("tierdesk_router", "SELECT count(*) - count("
                + "DISTINCT stream_id) FROM event WHERE type = 'tierdesk.routing.triaged.v1'"));
        check("assignments beyond one per ticket (no move happened)", 0, number("tierdesk_router", "SELECT "
                + "count(*) - count(DISTINCT stream_id) FROM event WHERE type = 'tierdesk.routing.assigned.v1'"));
        check("agents over capacity now", 0, number("tierdesk_router", "SELECT count(*) FROM agent a WHERE "
                + "(SELECT count(*) FROM routed_ticket t WHERE t.assignee = a.agent_id AND t.state = 'assigned') > "
                + "(a.profile ->> 'capacity')::int"));
        check("tickets whose clocks started (sla-monitor)", tickets, got.get("tierdesk_sla"));
        check("clocks started more than once", 0, number("tierdesk_sla", "SELECT count(*) FROM (SELECT stream_id, "
                + "payload ->> 'clock' FROM event WHERE type = 'tierdesk.sla.clock-started.v1' GROUP BY 1, 2 "
                + "HAVING count(*) > 1) d"));
        long breaches = number("tierdesk_sla", "SELECT count(*) FROM event WHERE type = 'tierdesk.sla.breached.v1'");
        System.out.printf("%-62s %8s %8d%n", "breaches fired (premium first response 30 s)", "> 0", breaches);
        if (breaches == 0) {
            failures.add("no breach fired, so none could be counted");
        }
        check("warnings or breaches fired more than once", 0, number("tierdesk_sla", "SELECT count(*) FROM (SELECT "
                + "stream_id, payload ->> 'clock', type, payload ->> 'threshold' FROM event WHERE type IN "
                + "('tierdesk.sla.warning-reached.v1', 'tierdesk.sla.breached.v1') GROUP BY 1, 2, 3, 4 "
                + "HAVING count(*) > 1) d"));
        // Exactly once: none fired twice (above), none left unfired once due, none a clock recorded without its event.
        check("SLA timers due over 30 s ago that never fired", 0, number("tierdesk_sla",
                "SELECT count(*) FROM sla_timer WHERE due_at < now() - interval '30 seconds'"));
        check("breaches a clock recorded without exactly one event", 0, number("tierdesk_sla", "SELECT count(*) "
                + "FROM sla_ticket s CROSS JOIN jsonb_each(s.state -> 'clocks') c WHERE c.value ->> 'breachedAt' IS NOT "
                + "NULL AND (SELECT count(*) FROM event e WHERE e.stream_id = CAST(s.ticket_id AS text) AND e.type = "
                + "'tierdesk.sla.breached.v1' AND e.payload ->> 'clock' = lower(replace(c.key, '_', '-'))) <> 1"));
        check("warnings a clock recorded without exactly one event", 0, number("tierdesk_sla", "SELECT count(*) "
                + "FROM sla_ticket s CROSS JOIN jsonb_each(s.state -> 'clocks') c CROSS JOIN "
                + "jsonb_array_elements(c.value -> 'warned') w WHERE (SELECT count(*) FROM event e WHERE "
                + "e.stream_id = CAST(s.ticket_id AS text) AND e.type = 'tierdesk.sla.warning-reached.v1' AND "
                + "e.payload ->> 'clock' = lower(replace(c.key, '_', '-')) AND CAST(e.payload ->> 'threshold' AS "
                + "float8) = CAST(w ->> 'threshold' AS float8)) <> 1"));
        check("tickets suggested articles (knowledge-service)", tickets, got.get("tierdesk_knowledge"));
        check("tickets whose receipt was delivered (notification-service)", tickets, got.get("tierdesk_notification"));
        check("receipt deliveries beyond one per ticket", 0, number("tierdesk_notification", "SELECT count(*) - "
                + "count(DISTINCT ticket_id) FROM delivery WHERE kind = 'customer.receipt'"));
        mails();
        webhooks();
        System.out.println();
        System.out.println("faults and how long each took to heal:");
        heal.forEach((fault, how) -> System.out.printf("  %-28s %s%n", fault, how));
    }

    /** Every receipt in its customer's mailbox by its Message-ID; copies (a send repeated after a crash) counted. */
    private void mails() throws Exception {
        List<String> rows = List.of(psql("tierdesk_notification", "SELECT ticket_id || ' ' || delivery_id FROM "
                + "delivery WHERE kind = 'customer.receipt' AND medium = 'email'").split("\n"));
        int found = 0;
        int copies = 0;
        for (String row : rows) {
            if (row.isBlank()) {
                continue;
            }
            String[] parts = row.split(" ");
            String customer = opened.get(parts[0]);
            String messageId = "<" + parts[1] + "@tierdesk>";
            HttpResponse<String> inbox = platform.http.send(HttpRequest.newBuilder(java.net.URI.create(
                    platform.mailWeb + "/api/user/" + URLEncoder.encode(customer + "@example.com",
                            StandardCharsets.UTF_8) + "/messages/")).build(), HttpResponse.BodyHandlers.ofString());
            int same = 0;
            if (inbox.statusCode() == 200) {
                for (JsonNode m : Platform.JSON.readTree(inbox.body())) {
                    if (messageId.equals(m.path("Message-ID").asText())) {
                        same++;
                    }
                }
            }
            found += same > 0 ? 1 : 0;
            copies += Math.max(0, same - 1);
        }
        check("receipt mails in their customers' mailboxes (by Message-ID)", opened.size() - chats.size(), found);
        System.out.printf("%-62s %8s %8d%n", "copies of a receipt (same Message-ID: the reader drops them)", "-",
                copies);
    }

    /**
     * Every webhook delivery received by its webhook-id, signed: the chat tickets' receipts and every opening for
     * the integration. Waits until none is pending (a refused first attempt is retried after about 2 s).
     */
    private void webhooks() throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        while (number("tierdesk_notification", "SELECT count(*) FROM delivery WHERE medium = 'webhook' AND state IN "
                + "('pending', 'sending')") > 0 && Instant.now().isBefore(until)) {
            Thread.sleep(500);
        }
        check("chat tickets' receipts for the chat adapter's webhook", chats.size(), number("tierdesk_notification",
                "SELECT count(DISTINCT ticket_id) FROM delivery WHERE kind = 'customer.receipt' AND medium = 'webhook'"));
        check("openings for the integration's webhook", opened.size(), number("tierdesk_notification", "SELECT "
                + "count(*) FROM delivery WHERE medium = 'webhook' AND kind = 'tierdesk.ticket.opened.v1'"));
        check("webhook deliveries not delivered", 0, number("tierdesk_notification", "SELECT count(*) FROM delivery "
                + "WHERE medium = 'webhook' AND state <> 'delivered'"));
        Set<String> ids = Set.copyOf(List.of(psql("tierdesk_notification", "SELECT delivery_id FROM delivery WHERE "
                + "medium = 'webhook'").strip().split("\n")));
        check("webhook deliveries the receiver took (by webhook-id)", ids.size(),
                ids.stream().filter(hooks::containsKey).count());
        check("webhook-ids received that no delivery has", 0,
                hooks.keySet().stream().filter(id -> !ids.contains(id)).count());
        check("webhook deliveries with a wrong signature", 0, badSignatures.get());
        System.out.printf("%-62s %8s %8d%n", "first attempts the receiver refused (503, then retried)", "-",
                hookRefusals.get());
        System.out.printf("%-62s %8s %8d%n", "copies of a webhook delivery (same webhook-id: dropped)", "-",
                hooks.values().stream().mapToInt(c -> Math.max(0, c.get() - 1)).sum());
        System.out.println();
        System.out.println("each projection built again from its topics beside the live one (./tierdesk rebuild):");
        int differing = Rebuild.check(platform, Platform.SERVICES, null);
        System.out.println();
        check("projections that differ from one rebuilt from the events", 0, differing);
    }

    private void check(String what, long expected, long found) {
        System.out.printf("%-62s %8d %8d%s%n", what, expected, found, expected == found ? "" : "   <-- off");
        if (expected != found) {
            failures.add(what + ": expected " + expected + ", found " + found);
        }
    }

    private long number(String database, String sql) throws Exception {
        String out = psql(database, sql).strip();
        return out.isEmpty() ? 0 : Long.parseLong(out);
    }

    private String psql(String database, String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", Platform.env("TIERDESK_PG_HOST", "127.0.0.1"), "-p",
                Platform.env("TIERDESK_PG_PORT", "5432"), "-U", Platform.env("TIERDESK_PG_ADMIN_USER", "postgres"),
                "-d", database, "-qAtc", sql).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new Platform.Failed("psql " + database + ": " + out);
        }
        return out;
    }
}
