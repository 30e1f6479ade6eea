package io.tierdesk.intake.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.tierdesk.testsupport.TestTokens;
import java.util.UUID;

/** A channel adapter as tests play it: posts CloudEvents to intake. */
final class Channel {
    static final String SOURCE = "/adapters/mail-gateway";

    private Channel() {
    }

    static String message(String externalId, String subject, String body, String threadRef) {
        return "{\"channel\":\"email\",\"customer\":{\"externalId\":\"" + externalId + "\",\"name\":\"Ivan Petrov\","
                + "\"email\":\"ivan@example.com\",\"language\":\"ru\"},\"subject\":\"" + subject + "\",\"body\":\""
                + body + "\"" + (threadRef == null ? "" : ",\"threadRef\":\"" + threadRef + "\"")
                + ",\"urgency\":\"high\",\"diagnostics\":{\"product\":\"Router X1\",\"symptoms\":\"reboots\"}}";
    }

    static String structured(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"" + type
                + "\",\"time\":\"2026-11-21T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }

    static ValidatableResponse post(String structuredEvent) {
        return given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents+json; charset=utf-8").body(structuredEvent)
                .post("/api/v1/channel-events").then();
    }

    static ValidatableResponse postMessage(String externalId, String subject, String body, String threadRef) {
        return post(structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                message(externalId, subject, body, threadRef)));
    }
}
