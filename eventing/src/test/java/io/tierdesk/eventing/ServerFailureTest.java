package io.tierdesk.eventing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import org.junit.jupiter.api.Test;

/** Failures the database reports over a real connection reach clients as problems, never as internals. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class ServerFailureTest {
    @Test
    void aLostSerializationRaceOrDeadlockIs503WithRetryAfter() {
        for (String state : new String[] {"40001", "40P01"}) {
            given().header("Authorization", TestTokens.bearer("alice", "agent"))
                    .post("/api/v1/sample-failures/" + state)
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("title", equalTo("Temporarily unavailable"));
        }
    }

    @Test
    void anythingElseIs500NamingAReferenceButNoInternals() {
        given().header("Authorization", TestTokens.bearer("alice", "agent"))
                .post("/api/v1/sample-failures/XX000")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", containsString("reference "))
                .body(not(containsString("secret internals")));
    }

    @Test
    void securityAndClientErrorsKeepTheirOwnAnswers() {
        given().post("/api/v1/sample-failures/40001").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("bob", "channel")).post("/api/v1/sample-failures/40001")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("alice", "agent")).post("/api/v1/sample-failures/x")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
