package io.tierdesk.eventing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RestSecurityAndConflictTest {
    private static String notes(UUID ticket) {
        return "/api/v1/sample-tickets/" + ticket + "/notes";
    }

    @Test
    void appendsAtTheExpectedVersionAndAnswersTheNewOne() {
        UUID ticket = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"first\",\"expectedVersion\":0}")
                .post(notes(ticket))
                .then().statusCode(201).body("version", equalTo(1));
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"second\",\"expectedVersion\":1}")
                .post(notes(ticket))
                .then().statusCode(201).body("version", equalTo(2));
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        UUID ticket = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"first\",\"expectedVersion\":0}")
                .post(notes(ticket)).then().statusCode(201);

        given().header("Authorization", TestTokens.bearer("bob", "agent")).contentType("application/json")
                .body("{\"note\":\"written on a stale view\",\"expectedVersion\":0}")
                .post(notes(ticket))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("at version 1, expected 0"))
                .body("errors.field", hasItem("expectedVersion"));
    }

    @Test
    void concurrentAppendsAtTheSameVersionGiveOneSuccessAndConflictsNeverAServerError() throws Exception {
        UUID ticket = UUID.randomUUID();
        String token = TestTokens.bearer("alice", "agent");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> given().header("Authorization", token).contentType("application/json")
                        .body("{\"note\":\"race\",\"expectedVersion\":0}")
                        .post(notes(ticket)).then().extract().statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(201, 409);
            org.assertj.core.api.Assertions.assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noTokenIsUnauthorized() {
        given().contentType("application/json").body("{\"note\":\"x\",\"expectedVersion\":0}")
                .post(notes(UUID.randomUUID()))
                .then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        String forged = io.smallrye.jwt.build.Jwt.issuer("https://somebody.else").subject("mallory")
                .groups("agent").sign(generateKey());
        given().header("Authorization", "Bearer " + forged).contentType("application/json")
                .body("{\"note\":\"x\",\"expectedVersion\":0}")
                .post(notes(UUID.randomUUID()))
                .then().statusCode(401);
    }

    @Test
    void theWrongRoleIsForbidden() {
        given().header("Authorization", TestTokens.bearer("mail-gateway", "channel")).contentType("application/json")
                .body("{\"note\":\"x\",\"expectedVersion\":0}")
                .post(notes(UUID.randomUUID()))
                .then().statusCode(403);
    }

    @Test
    void aMissingFieldIsAProblemNamingIt() {
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"x\"}")
                .post(notes(UUID.randomUUID()))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("expectedVersion"));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\": ")
                .post(notes(UUID.randomUUID()))
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** One field given twice, the second time of another type: ambiguous input, refused naming the field. */
    @Test
    void aFieldGivenTwiceIsAProblemNamingItNotAServerError() {
        for (String body : List.of("{\"note\":\"x\",\"note\":[\"y\"],\"expectedVersion\":0}",
                "{\"note\":\"x\",\"expectedVersion\":0,\"note\":\"y\"}")) {
            given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                    .body(body).post(notes(UUID.randomUUID()))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("note"));
        }
    }

    /** PostgreSQL stores no U+0000: refused as the request is read, never a failed statement (a 500). */
    @Test
    void aNulCharacterInTheBodyOrThePathIsAProblemNamingWhere() {
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"a\\u0000b\",\"expectedVersion\":0}").post(notes(UUID.randomUUID()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("note"));
        given().header("Authorization", TestTokens.bearer("alice", "agent"))
                .urlEncodingEnabled(false).get("/api/v1/sample-tickets/a%00b/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("path"));
        given().header("Authorization", TestTokens.bearer("alice", "agent"))
                .urlEncodingEnabled(false).get("/api/v1/sample-tickets?q=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("q"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static java.security.PrivateKey generateKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
