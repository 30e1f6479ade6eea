package io.tierdesk.router.api;

import static io.tierdesk.testsupport.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.agent.AgentChanged;
import io.tierdesk.events.agent.AgentRegistered;
import io.tierdesk.events.routing.Tier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class AgentsResourceTest {
    @Inject
    EventingConfig eventing;

    private static String profile(String tier, int capacity) {
        return "{\"name\":\"Anna Smirnova\",\"email\":\"anna@example.com\",\"tier\":\"" + tier + "\",\"skills\":[\"mail\","
                + "\"vpn\"],\"capacity\":" + capacity + ",\"supervisor\":\"sup\",\"languages\":[\"ru\",\"en\"]}";
    }

    @Test
    void aSupervisorRegistersAndChangesAnAgentAndEachChangeIsAnEventOnTheAgentsTopic() {
        String agent = "agent-" + UUID.randomUUID();
        as("sup", "supervisor").body(profile("L1", 5)).put("/api/v1/agents/" + agent)
                .then().statusCode(200).body("version", equalTo(1)).body("presence", equalTo("offline"))
                .body("profile.tier", equalTo("L1"));
        as("sup", "supervisor").body(profile("L1", 5)).put("/api/v1/agents/" + agent)
                .then().statusCode(200).body("version", equalTo(1));
        as("sup", "supervisor").body(profile("L2", 8)).put("/api/v1/agents/" + agent)
                .then().statusCode(200).body("version", equalTo(2)).body("profile.capacity", equalTo(8));

        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(eventing.topic(Topics.AGENTS),
                r -> agent.equals(r.key()), found -> found.size() >= 2, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> TestKafka.header(r, KafkaBinding.TYPE))
                .containsExactly("tierdesk.agent.registered.v1", "tierdesk.agent.changed.v1");
        assertThat(EventJson.read(records.get(0).value(), AgentRegistered.class).profile().skills())
                .containsExactly("mail", "vpn");
        assertThat(EventJson.read(records.get(1).value(), AgentChanged.class).profile().tier()).isEqualTo(Tier.L2);
        assertThat(as("anna", "agent").get("/api/v1/agents").then().statusCode(200).extract()
                .<List<String>>path("agentId")).contains(agent);
    }

    @Test
    void agentsSetTheirOwnPresenceAndSupervisorsAnyones() {
        String agent = "agent-" + UUID.randomUUID();
        as("sup", "supervisor").body(profile("L1", 5)).put("/api/v1/agents/" + agent).then().statusCode(200);

        as(agent, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(200).body("presence", equalTo("online")).body("version", equalTo(2));
        as("someone-else", "agent").body("{\"presence\":\"offline\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(403).contentType("application/problem+json");
        as("sup", "supervisor").body("{\"presence\":\"away\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(200).body("presence", equalTo("away"));
        as("sup", "supervisor").body("{\"presence\":\"asleep\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(400).body("errors.field", hasItem("presence"));
        as("sup", "supervisor").body("{\"presence\":\"online\"}").post("/api/v1/agents/nobody/presence")
                .then().statusCode(404);
        as(agent, "agent").get("/api/v1/agents/" + agent).then().statusCode(200).body("idleSince",
                org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badProfilesAreProblemsNamingTheFieldAndOnlySupervisorsMayChangeTheDirectory() {
        String agent = "agent-" + UUID.randomUUID();
        as("sup", "supervisor").body(profile("L7", 5)).put("/api/v1/agents/" + agent)
                .then().statusCode(400).body("errors.field", hasItem("tier"));
        as("sup", "supervisor").body(profile("L1", 0)).put("/api/v1/agents/" + agent)
                .then().statusCode(400).body("errors.field", hasItem("capacity"));
        as("sup", "supervisor").body(profile("L1", 5).replace("\"vpn\"", "\"\"")).put("/api/v1/agents/" + agent)
                .then().statusCode(400).body("errors.field", hasItem("skills[1]"));
        as("anna", "agent").body(profile("L1", 5)).put("/api/v1/agents/" + agent).then().statusCode(403);
        given().contentType("application/json").body(profile("L1", 5)).put("/api/v1/agents/" + agent)
                .then().statusCode(401);
        as("anna", "agent").get("/api/v1/agents/" + agent).then().statusCode(404);
    }
    @Test
    void everyListIsPagedWithACap() {
        for (int i = 0; i < 3; i++) {
            as("sup", "supervisor").body("{\"tier\":\"L3\",\"capacity\":1}").put("/api/v1/agents/paged-" + i
                    + "-" + UUID.randomUUID()).then().statusCode(200);
        }
        as("sup", "supervisor").get("/api/v1/agents?limit=2").then().statusCode(200).body("size()", equalTo(2));
        as("sup", "supervisor").get("/api/v1/agents?limit=1001").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        as("sup", "supervisor").get("/api/v1/agents?offset=-1").then().statusCode(400)
                .body("errors.field", hasItem("offset"));
        as("sup", "supervisor").get("/api/v1/queues/L1?limit=1001").then().statusCode(400);
        as("sup", "supervisor").get("/api/v1/agents/anyone/worklist?limit=0").then().statusCode(400);
    }

}
