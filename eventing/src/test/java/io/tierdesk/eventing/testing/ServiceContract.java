package io.tierdesk.eventing.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every Tierdesk service owes an operator, inherited by each service's test:
 * {@code @QuarkusTest @WithTestResource(TierdeskInfra.class) class XServiceTest extends ServiceContract {}}.
 */
public abstract class ServiceContract {
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

    @Test
    void everyApiPathNeedsAToken() {
        given().get("/api/v1/anything").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("someone", "agent")).get("/api/v1/no-such-resource")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
