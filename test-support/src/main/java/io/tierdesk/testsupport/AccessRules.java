package io.tierdesk.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every operation of a service's API, proven: read from the service's own OpenAPI document, each is called without a
 * token, with an expired one, a wrongly signed one and one meant for another audience (all 401), and with a token of each role. A role refused
 * by the operation's rule gets 403 without a named rule; a role let through gets anything else (a 400 for the empty
 * body, a 404 for the made-up id, or a 403 naming a finer rule, such as "own presence only", which the table notes).
 * The table of who may call what is docs/security.md, one section per service, checked against what the service
 * does: an operation added without a row there fails. Rewrite the section with {@code -Dtierdesk.access.write=true}.
 */
public final class AccessRules {
    public static final List<String> ROLES = List.of("channel", "agent", "supervisor", "kb-editor", "admin");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private AccessRules() {
    }

    /** Probes every operation of the running service and checks docs/security.md's section for it. */
    public static void verify(String service) throws IOException {
        JsonNode openApi = new ObjectMapper().readTree(given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Map<String, String> rows = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    rows.put(path.getKey() + " " + method.toUpperCase(java.util.Locale.ROOT),
                            probe(method, concrete(path.getKey())));
                }
            }
        }
        StringBuilder table = new StringBuilder("| operation | " + String.join(" | ", ROLES) + " |\n|---|"
                + "---|".repeat(ROLES.size()) + "\n");
        rows.forEach((operation, row) -> table.append("| `").append(operation).append("` | ").append(row)
                .append(" |\n"));
        Path doc = ProjectRoot.path().resolve("docs/security.md");
        String begin = "<!-- access: " + service + " -->";
        String end = "<!-- end of access: " + service + " -->";
        String text = Files.readString(doc);
        if (Boolean.getBoolean("tierdesk.access.write")) {
            if (!text.contains(begin)) {
                text = text.stripTrailing() + "\n\n### " + service + "\n\n" + begin + "\n" + end + "\n";
            }
            text = text.substring(0, text.indexOf(begin) + begin.length()) + "\n" + table
                    + text.substring(text.indexOf(end));
            Files.writeString(doc, text);
        }
        assertThat(text).as("docs/security.md has a section for " + service).contains(begin).contains(end);
        String documented = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end)).strip();
        assertThat(documented).as("what " + service + " allows, against docs/security.md (rerun with "
                + "-Dtierdesk.access.write=true after changing a rule)").isEqualTo(table.toString().strip());
    }

    /** One row: for each role, yes, no, or "own" where a finer rule refused the probe's made-up subject. */
    private static String probe(String method, String path) {
        String[] all = ROLES.toArray(String[]::new);
        for (String token : new String[] {null, TestTokens.expired("probe", all), TestTokens.wronglySigned("probe", all),
                TestTokens.forAnotherAudience("probe", all)}) {
            Response response = call(method, path, token == null ? given() : given().header("Authorization",
                    "Bearer " + token));
            assertThat(response.statusCode()).as(method + " " + path + " with " + (token == null ? "no token"
                    : "a bad token")).isEqualTo(401);
        }
        List<String> cells = new ArrayList<>();
        for (String role : ROLES) {
            Response response = call(method, path, TestApi.as("probe-" + role, role));
            int status = response.statusCode();
            assertThat(status).as(method + " " + path + " as " + role).isNotEqualTo(401).isLessThan(500);
            String rule = status == 403 && String.valueOf(response.contentType()).contains("json")
                    ? response.jsonPath().getString("errors[0].field") : null;
            cells.add(status != 403 ? "yes" : rule == null ? "—" : "by rule `" + rule + "`");
        }
        return String.join(" | ", cells);
    }

    private static Response call(String method, String path, RequestSpecification request) {
        // An event stream let in would never end: an id it never sent makes it answer 400 instead.
        request = request.header("Last-Event-ID", "probe");
        RequestSpecification withBody = method.equals("get") || method.equals("delete") ? request
                : request.contentType("application/json").body("{}");
        return withBody.request(method.toUpperCase(java.util.Locale.ROOT), path);
    }

    /** Path parameters filled with values of a plausible form: ids as fresh UUIDs, lines as L1. */
    private static String concrete(String template) {
        return template.replaceAll("\\{tier}", "L1").replaceAll("\\{(eventId|ticketId|articleId)}",
                UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "probe-value");
    }
}
