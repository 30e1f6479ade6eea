package io.tierdesk.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every Tierdesk service owes an operator, inherited by each service's test:
 * {@code @QuarkusTest @WithTestResource(TierdeskInfra.class) class XServiceTest extends ServiceContract {}}.
 */
public abstract class ServiceContract {
    /**
     * A burst of events the service consumes: sent in one produce request per partition, so a consumer finds many in
     * one poll. {@code aPollPerTransaction} says how the consumer is meant to apply them (docs/decisions.md): a poll
     * per transaction, or each in its own (the router, whose decisions hold the lines' locks).
     */
    protected record Burst(String topic, String consumer, Map<UUID, Object> events, boolean aPollPerTransaction) {
    }

    /** Forty events of one kind for forty tickets, as a burst. */
    protected static Burst burst(String topic, String consumer, boolean aPollPerTransaction,
            Function<UUID, Object> event) {
        Map<UUID, Object> events = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            UUID ticket = UUID.randomUUID();
            events.put(ticket, event.apply(ticket));
        }
        return new Burst(topic, consumer, events, aPollPerTransaction);
    }

    protected abstract Burst burst();

    @Test
    void appliesABurstAsItsConsumerIsMeantTo() throws Exception {
        Burst burst = burst();
        String database = ConfigProvider.getConfig().getValue("tierdesk.db.name", String.class);
        String prefix = ConfigProvider.getConfig().getOptionalValue("tierdesk.eventing.topic-prefix", String.class)
                .orElse("");
        List<UUID> ids = TestEvents.publishAll(prefix + burst.topic(), "/test", burst.events());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestDb.applied(database, burst.consumer(), ids) == ids.size());
        long transactions = TestDb.transactions(database, burst.consumer(), ids);
        if (burst.aPollPerTransaction()) {
            assertThat(transactions).as("transactions for %d events consumed a poll at a time", ids.size())
                    .isLessThan(ids.size() / 2);
        } else {
            assertThat(transactions).as("one transaction per event").isEqualTo(ids.size());
        }
    }

    @Test
    void reportsReadyWithDatabaseAndMessagingChecks() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void ranTheEventBackbonesMigrationsInItsOwnDatabase() throws Exception {
        String database = ConfigProvider.getConfig().getValue("tierdesk.db.name", String.class);
        List<String> tables = new ArrayList<>();
        try (Connection connection = TierdeskInfra.connect(database); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("event", "relay_checkpoint", "processed_event", "flyway_schema_history");
    }

    @Test
    void exposesPrometheusMetricsAndOpenApiWithoutAToken() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void servesNoSwaggerUiOutsideLocalMode() {
        given().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void refusesAnOversizedBodyBeforeReadingIt() {
        given().header("Authorization", TestTokens.bearer("someone", "admin")).contentType("application/json")
                .body("[" + "1,".repeat(600_000) + "1]").post("/api/v1/no-such-resource").then().statusCode(413);
    }

    /** A client that speaks HTTP/2 (upgraded from HTTP/1.1) gets the same 413 problem, not a broken stream. */
    @Test
    void refusesAnOversizedBodyOverHttp2AsAProblemToo() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = http2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + RestAssured.port + "/api/v1/no-such-resource"))
                .header("Authorization", TestTokens.bearer("someone", "admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + "1,".repeat(600_000) + "1]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void everyApiPathNeedsAToken() {
        given().get("/api/v1/anything").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("someone", "agent")).get("/api/v1/no-such-resource")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
