package io.tierdesk.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** A REST client acting as someone: a signed token for the subject and roles, a JSON body. */
public final class TestApi {
    private TestApi() {
    }

    public static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", TestTokens.bearer(subject, roles)).contentType("application/json");
    }
}
