package io.tierdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The platform's main support paths besides the demo's story, each driven through the public APIs of the five
 * services running as processes and checked in the services that react to it: a request an agent registers by phone,
 * a customer coming back on a resolved ticket within the reopen window, a customer coming back after it on a closed
 * one (a repeat contact), and self-service that deflects one request and not another.
 */
final class SupportPaths {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Launcher launcher;
    private final Map<String, String> tokens = new HashMap<>();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    SupportPaths(Launcher launcher) {
        this.launcher = launcher;
    }

    /** A phone call anna takes down at L1: she owns the ticket, the customer gets the receipt, the clocks start. */
    String aPhoneRequestRegisteredByAnAgentIsTheirsTimedAndAcknowledged() throws Exception {
        JsonNode created = send(1, "POST", "/api/v1/tickets", token("agent", "anna"), Map.of(
                "channel", "phone",
                "customer", Map.of("externalId", "path-" + run, "name", "Marta Lind", "email",
                        "path-" + run + "@example.com", "language", "en"),
                "subject", "Printer on floor 2 prints blank pages",
                "body", "Called in: every page comes out blank since the toner was changed.",
                "diagnostics", Map.of("product", "Printer"),
                "urgency", "medium"), 201);
        String ticket = created.path("ticketId").asText();
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode route = get(2, "/api/v1/tickets/" + ticket + "/routing", token("supervisor", "pavel"));
            assertThat(route.path("owner").asText()).isEqualTo("anna");
            assertThat(route.path("tier").asText()).isEqualTo("L1");
            assertThat(kinds(ticket, "delivered")).contains("customer.receipt");
            assertThat(clocks(ticket)).contains("first-response running", "resolution running");
        });
        JsonNode view = get(1, "/api/v1/tickets/" + ticket, token("agent", "anna"));
        assertThat(view.path("channel").asText()).isEqualTo("phone");
        assertThat(timeline(ticket).get(0).path("data").path("registeredBy").asText()).isEqualTo("anna");
        return ticket;
    }

    /**
     * The customer writes again (by e-mail, the number in the subject) on a ticket resolved moments ago: intake reopens
     * it, routing makes it active again, and sla-monitor runs its resolution clock again.
     */
    void aCustomerWritingBackWithinTheReopenWindowReopensTheTicketEverywhere(String ticket) throws Exception {
        JsonNode view = get(1, "/api/v1/tickets/" + ticket, token("agent", "anna"));
        String number = view.path("number").asText();
        send(1, "POST", "/api/v1/tickets/" + ticket + "/resolution", token("agent", "anna"),
                Map.of("solutionSummary", "Replaced the toner's seal tape."), 200);
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(get(2, "/api/v1/tickets/" + ticket + "/routing", token("supervisor", "pavel"))
                    .path("state").asText()).isEqualTo("inactive");
            assertThat(clocks(ticket)).contains("resolution met");
        });

        JsonNode answer = channel("reopen", Map.of("channel", "email",
                "customer", Map.of("externalId", "path-" + run, "name", "Marta Lind", "email",
                        "path-" + run + "@example.com", "language", "en"),
                "subject", "Re: [" + number + "] Still blank pages",
                "body", "It printed two pages and then blank again."));
        assertThat(answer.path("outcome").asText()).isEqualTo("reopened");
        assertThat(answer.path("ticketId").asText()).isEqualTo(ticket);
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(get(2, "/api/v1/tickets/" + ticket + "/routing", token("supervisor", "pavel"))
                    .path("state").asText()).isIn("assigned", "queued");
            assertThat(clocks(ticket)).contains("resolution running");
        });
        List<String> types = new ArrayList<>();
        timeline(ticket).forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsSubsequence("tierdesk.ticket.resolved.v1", "tierdesk.ticket.reopened.v1",
                "tierdesk.ticket.customer-message-received.v1");
    }

    /**
     * A customer writes again about a ticket closed longer ago than the reopen window (the platform under test runs
     * with a short one, {@link Launcher#REOPEN_WINDOW}): intake opens a new ticket naming the old one, routing triages
     * it, and sla-monitor's quality report counts it as a repeat contact.
     */
    void aCustomerWritingBackAfterTheReopenWindowOpensARepeatContact() throws Exception {
        Map<String, Object> customer = Map.of("externalId", "path-" + run + "-r", "name", "Ivo Sand",
                "email", "path-" + run + "-r@example.com", "language", "en");
        JsonNode first = channel("repeat-1", Map.of("channel", "messenger", "customer", customer,
                "subject", "Scanner does not find the network share", "body", "Scanning to the share fails."));
        String old = first.path("ticketId").asText();
        String number = first.path("number").asText();
        send(1, "POST", "/api/v1/tickets/" + old + "/resolution", token("supervisor", "pavel"),
                Map.of("solutionSummary", "Share path corrected in the scanner's address book."), 200);
        send(1, "POST", "/api/v1/tickets/" + old + "/closure", token("supervisor", "pavel"), null, 200);
        // The view follows the ticket's stream; the window counts from the closure in the stream.
        await().atMost(SETTLE).untilAsserted(() -> assertThat(get(1, "/api/v1/tickets/" + old,
                token("supervisor", "pavel")).path("status").asText()).isEqualTo("closed"));
        Thread.sleep(Launcher.REOPEN_WINDOW.plusSeconds(1).toMillis());

        Instant before = Instant.now().minusMillis(500);
        JsonNode again = channel("repeat-2", Map.of("channel", "messenger", "customer", customer,
                "subject", "Re: [" + number + "] Scanner again", "body", "The scanner lost the share again."));
        assertThat(again.path("outcome").asText()).isEqualTo("created");
        String repeat = again.path("ticketId").asText();
        assertThat(repeat).isNotEqualTo(old);
        // The view follows the ticket's stream: the new ticket is there once its opening has been read.
        await().atMost(SETTLE).untilAsserted(() -> {
            HttpResponse<String> view = call(1, "GET", "/api/v1/tickets/" + repeat, token("supervisor", "pavel"), null);
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(json.readTree(view.body()).path("repeatOf").asText()).isEqualTo(old);
        });
        assertThat(get(1, "/api/v1/tickets/" + old, token("supervisor", "pavel")).path("status").asText())
                .as("the old ticket stays closed").isEqualTo("closed");
        String from = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(get(2, "/api/v1/tickets/" + repeat + "/routing", token("supervisor", "pavel"))
                    .path("tier").asText()).isEqualTo("L1");
            JsonNode total = get(3, "/api/v1/reports/quality?from=" + from + "&channel=messenger",
                    token("supervisor", "pavel")).path("total");
            assertThat(total.path("opened").asInt()).as(total.toString()).isEqualTo(1);
            assertThat(total.path("repeatContactRate").asDouble()).as(total.toString()).isEqualTo(1.0);
        });
    }

    /**
     * Two customers ask the self-service first. One says the answer solved it; the other files a ticket about the
     * same thing, which knowledge-service learns from intake's events: one deflected, one not.
     */
    void selfServiceCountsADeflectedAndAFiledRequest() throws Exception {
        String since = URLEncoder.encode(Instant.now().minusSeconds(1).toString(), StandardCharsets.UTF_8);
        String channel = token("channel", "demo-adapters");
        JsonNode solved = send(4, "POST", "/api/v1/self-service/queries", channel,
                Map.of("customer", "path-" + run + "-a", "text", "VPN disconnects every few minutes"), 201);
        assertThat(solved.path("articles").size()).isPositive();
        send(4, "POST", "/api/v1/self-service/queries/" + solved.path("queryId").asText() + "/feedback", channel,
                Map.of("solved", true), 204);
        JsonNode filed = send(4, "POST", "/api/v1/self-service/queries", channel,
                Map.of("customer", "path-" + run + "-b", "text", "printer jams on every page"), 201);
        assertThat(filed.path("articles").size()).isPositive();
        channel("filed", Map.of("channel", "web",
                "customer", Map.of("externalId", "path-" + run + "-b", "name", "Ola Berg", "language", "en"),
                "subject", "Printer jams on every page",
                "body", "The self-service article did not help: it still jams."));
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode deflection = get(4, "/api/v1/self-service/deflection?from=" + since, token("supervisor", "pavel"));
            assertThat(deflection.path("queries").asInt()).as(deflection.toString()).isEqualTo(2);
            assertThat(deflection.path("deflected").asInt()).as(deflection.toString()).isEqualTo(1);
            assertThat(deflection.path("notDeflected").asInt()).as(deflection.toString()).isEqualTo(1);
            assertThat(deflection.path("rate").asDouble()).isEqualTo(0.5);
        });
    }

    private List<String> kinds(String ticket, String state) throws Exception {
        List<String> kinds = new ArrayList<>();
        for (JsonNode d : get(5, "/api/v1/deliveries?ticketId=" + ticket, token("supervisor", "pavel"))) {
            if (state.equals(d.path("state").asText())) {
                kinds.add(d.path("kind").asText());
            }
        }
        return kinds;
    }

    private List<String> clocks(String ticket) throws Exception {
        List<String> clocks = new ArrayList<>();
        HttpResponse<String> answer = call(3, "GET", "/api/v1/tickets/" + ticket + "/sla",
                token("supervisor", "pavel"), null);
        if (answer.statusCode() == 200) {
            json.readTree(answer.body()).path("clocks")
                    .forEach(c -> clocks.add(c.path("clock").asText() + " " + c.path("state").asText()));
        }
        return clocks;
    }

    private List<JsonNode> timeline(String ticket) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        get(1, "/api/v1/tickets/" + ticket + "/timeline?limit=200", token("agent", "anna")).forEach(entries::add);
        return entries;
    }

    private JsonNode channel(String id, Map<String, Object> data) throws Exception {
        Map<String, Object> event = Map.of("specversion", "1.0", "id", "path-" + run + "-" + id + "-" + UUID.randomUUID(),
                "source", "/adapters/demo-adapters/paths", "type", "tierdesk.channel.message.received", "data", data);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(1, "/api/v1/channel-events"))
                .header("Authorization", "Bearer " + token("channel", "demo-adapters"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(event))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return json.readTree(answer.body());
    }

    private JsonNode get(int service, String path, String bearer) throws Exception {
        HttpResponse<String> answer = call(service, "GET", path, bearer, null);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private JsonNode send(int service, String method, String path, String bearer, Object body, int status)
            throws Exception {
        HttpResponse<String> answer = call(service, method, path, bearer, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
    }

    private HttpResponse<String> call(int service, String method, String path, String bearer, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int service, String path) {
        return URI.create("http://127.0.0.1:" + (Launcher.PORT_BASE + service) + path);
    }

    private String token(String role, String subject) throws Exception {
        String key = role + "/" + subject;
        if (!tokens.containsKey(key)) {
            String jwt = launcher.run("token", role, subject).output().lines().filter(l -> l.startsWith("ey"))
                    .findFirst().orElseThrow();
            tokens.put(key, jwt);
        }
        return tokens.get(key);
    }
}
