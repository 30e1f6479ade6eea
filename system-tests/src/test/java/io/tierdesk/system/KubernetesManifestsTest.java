package io.tierdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests render with kustomize and agree with the services as built: ports, database names,
 * health endpoints the services really serve, passwords only from secrets. (Rendering is all this machine can do:
 * there is no cluster to apply them to.)
 */
class KubernetesManifestsTest {
    private static final List<String> SERVICES = List.of("ticket-intake", "escalation-router", "sla-monitor",
            "knowledge-service", "notification-service");
    private static final List<JsonNode> RESOURCES = new ArrayList<>();
    private static Path root;

    @BeforeAll
    static void render() throws Exception {
        root = Launcher.projectRoot();
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", root.resolve("deploy/k8s/base").toString())
                .redirectErrorStream(true).start();
        String yaml = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as(yaml).isZero();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.readerFor(JsonNode.class).readValues(yaml).forEachRemaining(node -> RESOURCES.add((JsonNode) node));
    }

    @Test
    void everyServiceHasADeploymentAServiceABudgetAndAnAutoscaler() {
        for (String service : SERVICES) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler")) {
                assertThat(find(kind, service)).as(kind + " " + service).isNotNull();
            }
            assertThat(find("Deployment", service).path("metadata").path("labels").path("app.kubernetes.io/part-of")
                    .asText()).isEqualTo("tierdesk");
        }
    }

    @Test
    void portsDatabasesAndProbesMatchTheServicesAsBuilt() throws IOException {
        for (String service : SERVICES) {
            Properties config = new Properties();
            try (var in = Files.newInputStream(root.resolve(service + "/src/main/resources/application.properties"))) {
                config.load(in);
            }
            JsonNode container = find("Deployment", service).at("/spec/template/spec/containers/0");
            assertThat(container.at("/ports/0/containerPort").asInt()).as(service)
                    .isEqualTo(Integer.parseInt(config.getProperty("quarkus.http.port")));
            assertThat(env(container, "TIERDESK_DB_NAME").path("value").asText()).as(service)
                    .isEqualTo(config.getProperty("tierdesk.db.name"));
            // The paths SmallRye Health serves; LauncherSystemTest waits on /q/health/ready of the same builds.
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(find("Service", service).at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            assertThat(find("HorizontalPodAutoscaler", service).at("/spec/scaleTargetRef/name").asText())
                    .isEqualTo(service);
        }
    }

    @Test
    void secretsComeFromSecretsAndContainersRunUnprivileged() {
        for (String service : SERVICES) {
            JsonNode pod = find("Deployment", service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            JsonNode password = env(container, "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(password.has("value")).as(service + " password as a literal").isFalse();
            assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(service + "-db");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        }
        // Mail leaves the cluster over STARTTLS with a login from a secret.
        JsonNode mailer = find("Deployment", "notification-service").at("/spec/template/spec/containers/0");
        assertThat(env(mailer, "QUARKUS_MAILER_START_TLS").path("value").asText()).isEqualTo("REQUIRED");
        assertThat(env(mailer, "QUARKUS_MAILER_LOGIN").path("value").asText()).isEqualTo("REQUIRED");
        assertThat(env(mailer, "QUARKUS_MAILER_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("notification-service-smtp");
        for (JsonNode resource : RESOURCES) {
            assertThat(resource.path("kind").asText()).as("no Secret with values in the repository")
                    .isNotEqualTo("Secret");
        }
    }

    @Test
    void theConsolesEdgeIsTheOneWayInAndForwardsToEveryServiceInTheCluster() throws IOException {
        JsonNode ingress = find("Ingress", "tierdesk");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).isEqualTo("/");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("agent-console");
        JsonNode container = find("Deployment", "agent-console").at("/spec/template/spec/containers/0");
        // The edge's variables are the ones edge/server.mjs reads, each naming a Service of this rendering.
        String edge = Files.readString(root.resolve("agent-console/edge/server.mjs"));
        for (String[] upstream : new String[][] {{"INTAKE", "ticket-intake"}, {"ROUTER", "escalation-router"},
                {"SLA", "sla-monitor"}, {"KNOWLEDGE", "knowledge-service"}, {"NOTIFICATION", "notification-service"}}) {
            String variable = "TIERDESK_EDGE_" + upstream[0];
            assertThat(edge).contains("env." + variable);
            assertThat(env(container, variable).path("value").asText()).isEqualTo("http://" + upstream[1]);
            assertThat(find("Service", upstream[1])).as(upstream[1]).isNotNull();
        }
        assertThat(container.toString()).as("no demo sign-in in a cluster").doesNotContain("TIERDESK_EDGE_DEMO_KEY");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/edge/health");
        assertThat(edge).contains("'/edge/health'");
        assertThat(find("Deployment", "agent-console").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean())
                .isTrue();
    }

    private static JsonNode find(String kind, String name) {
        return RESOURCES.stream().filter(r -> kind.equals(r.path("kind").asText())
                && name.equals(r.at("/metadata/name").asText())).findFirst().orElse(null);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("name").asText());
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
