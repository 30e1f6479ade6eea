package io.tierdesk.notification.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.ProjectRoot;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.notification.TestMailServer;
import io.tierdesk.notification.application.Templates;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every default template renders in both languages; a broken one is refused at save, naming the line. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class TemplatesTest {
    @Inject
    Templates templates;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.db.name")
    String database;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;
    @Inject
    io.tierdesk.eventing.config.EventingConfig eventing;

    /** Another replica saved a template, a rule set and a webhook: this one puts them in force within its refresh. */
    @Test
    void settingsSavedByAnotherReplicaComeIntoForceHere() throws Exception {
        io.tierdesk.testsupport.TestDb.text(database, """
                INSERT INTO notification_template (key, language, subject, text, version, changed_by, changed_at)
                VALUES ('supervisor.alerted', 'en', '[{ticket.number}] Look', 'Look at it', 7, 'other', now())
                RETURNING key""");
        io.tierdesk.testsupport.TestDb.text(database, """
                INSERT INTO webhook (webhook_id, url, secret, channels, types, enabled, changed_by, changed_at)
                VALUES ('from-elsewhere', 'http://127.0.0.1:9/hook', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
                    ARRAY['phone'], ARRAY[]::text[], true, 'other', now()) RETURNING webhook_id""");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            as("root", "admin").get("/api/v1/templates/supervisor.alerted/en").then().statusCode(200)
                    .body("version", equalTo(7));
            as("root", "admin").get("/api/v1/webhooks/from-elsewhere").then().statusCode(200)
                    .body("channels", hasItem("phone"));
        });
    }

    @Test
    void everyDefaultTemplateRendersInRussianAndEnglishFromASample() {
        assertThat(templates.kinds()).hasSize(13);
        for (String kind : templates.kinds()) {
            for (String language : Templates.LANGUAGES) {
                Templates.Rendered r = templates.render(kind, language, Templates.sample());
                assertThat(r.subject()).as(kind + "." + language).isNotBlank().doesNotContain("{")
                        .doesNotContain("\n");
                assertThat(r.text()).as(kind + "." + language).isNotBlank().doesNotContain("{");
                if (kind.startsWith("customer.")) {
                    assertThat(r.subject()).as("customer subjects carry the number intake threads on")
                            .startsWith("[TD-000123]");
                    assertThat(r.html()).as(kind + "." + language).contains("<p>");
                }
                // Its own words, not what is inserted, are in its language.
                String own = templates.find(kind, language).text().replaceAll("\\{[^}]*}", "")
                        .replaceAll("[^\\p{L}]", "");
                long cyrillic = own.chars().filter(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.CYRILLIC).count();
                assertThat(cyrillic > own.length() / 2).as(kind + "." + language + " is written in its language")
                        .isEqualTo(language.equals("ru"));
            }
        }
    }

    /** Each default rule's template, rendered from the approved sample of its event (ticket-events' fixtures). */
    @Test
    void everyDefaultTemplateRendersInBothLanguagesFromASampleOfItsEvent() throws Exception {
        io.tierdesk.notification.domain.TicketCard card = new io.tierdesk.notification.domain.TicketCard(
                java.util.UUID.randomUUID(), "TD-000777", "Принтер не печатает", "email", "c-1", "Анна",
                "anna@example.org", "ru", "anna", "L1");
        java.nio.file.Path fixtures = ProjectRoot.path()
                .resolve("ticket-events/src/test/resources/approved");
        for (io.tierdesk.notification.domain.NotificationRules.Rule rule
                : io.tierdesk.notification.domain.NotificationRules.DEFAULTS.rules()) {
            Object event = io.tierdesk.events.EventCatalog.decode(rule.event(),
                    java.nio.file.Files.readAllBytes(fixtures.resolve(rule.event() + ".json")));
            Map<String, Object> model = io.tierdesk.notification.application.Notifications.model(event, card,
                    card.ticketId());
            for (String language : Templates.LANGUAGES) {
                Templates.Rendered r = templates.render(rule.kind(), language, model);
                String what = rule.kind() + "." + language + " from " + rule.event();
                assertThat(r.subject()).as(what).startsWith("[TD-000777]");
                assertThat(r.subject() + r.text()).as(what + " names the ticket").contains("Принтер не печатает");
                assertThat(r.text()).as(what).isNotBlank().doesNotContain("{");
                if (Set.of("customer.reply", "customer.question", "customer.resolved", "agent.customer-wrote")
                        .contains(rule.kind())) {
                    assertThat(r.text()).as(what + " carries what the event says").contains("sample");
                }
            }
        }
    }

    @Test
    void htmlPartsEscapeWhatTicketsBringIn() {
        Map<String, Object> model = Templates.model(Templates.ticket("1", "TD-000001", "<script>x</script>", "email",
                "L1"), "Eve", "anna", "", Templates.sla("", ""), Templates.escalation("", ""), Templates.alert("", ""));
        assertThat(templates.render("customer.receipt", "en", model).html()).doesNotContain("<script>")
                .contains("&lt;script&gt;");
    }

    @Test
    void aTemplateThatDoesNotCompileOrNamesAnUnknownFieldIsRefusedAtSaveWithItsLine() {
        // A template no other test sends with, since the saved one stays in force for the whole test run.
        String path = "/api/v1/templates/supervisor.vendor/en";
        as("root", "admin").body("{\"subject\": \"[{ticket.number}] ok\", \"text\": \"Hello\\n{#if ticket.number}\\nno end\"}")
                .put(path).then().statusCode(400).body("errors.field", hasItem("text"))
                .body("errors.find { it.field == 'text' }.message", containsString("line"));
        as("root", "admin").body("{\"subject\": \"[{ticket.number}] ok\", \"text\": \"Hello\\n\\n{ticket.numbr}\"}")
                .put(path).then().statusCode(400)
                .body("errors.find { it.field == 'text' }.message", containsString("line 3"));
        // The old one is kept.
        as("root", "admin").get(path).then().statusCode(200).body("version", equalTo(0));
        as("root", "admin").body("{\"subject\": \"[{ticket.number}] Got it\", \"text\": \"We have {ticket.subject}\"}")
                .put(path).then().statusCode(200).body("version", equalTo(1));
        as("root", "admin").body("{}").post(path + "/preview").then().statusCode(200)
                .body("subject", equalTo("[TD-000123] Got it"));
        as("anna", "agent").get(path).then().statusCode(403);
        as("root", "admin").get("/api/v1/templates/nothing.here/en").then().statusCode(404);
        as("root", "admin").get("/api/v1/templates/customer.receipt/de").then().statusCode(400)
                .body("errors.field", hasItem("lang"));
    }

    /**
     * An admin's template reaches only the notice's own data: no namespace reads the configuration or a bean, no
     * loop or include, and its size is bounded. Each is refused at save and at preview, naming the part.
     */
    @Test
    void aTemplateCanReadNothingButTheNoticesDataAndIsBounded() {
        String path = "/api/v1/templates/supervisor.vendor/ru";
        for (String text : List.of("{config:['quarkus.datasource.password']}", "{config:quarkus.datasource.password}",
                "{inject:templates}", "{cdi:templates}", "{str:concat('a', 'b')}",
                "{#for i in 100000000}{#for j in 100000000}x{/for}{/for}", "{#each ticket}{it}{/each}",
                "{#include customer.receipt.en /}", "{#eval message /}", "{ticket.getClass().name}",
                "{ticket.subject.getBytes()}", "x".repeat(20_001))) {
            String body = "{\"subject\": \"[{ticket.number}] x\", \"text\": " + json(text) + "}";
            String preview = as("root", "admin").body(body).post(path + "/preview").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("text"))
                    .extract().asString();
            password.ifPresent(secret -> assertThat(preview).as(text).doesNotContain(secret));
            as("root", "admin").body(body).put(path).then().statusCode(400).body("errors.field", hasItem("text"));
        }
        as("root", "admin").get(path).then().statusCode(200).body("version", equalTo(0));
    }

    /** Previews of ever new texts do not grow the compiled templates without end. */
    @Test
    void compiledTemplatesAreKeptWithinTheirBound() {
        for (int i = 0; i < 300; i++) {
            as("root", "admin").body("{\"subject\": \"[{ticket.number}] " + i + "\", \"text\": \"Text " + i + "\"}")
                    .post("/api/v1/templates/supervisor.vendor/en/preview").then().statusCode(200);
        }
        assertThat(templates.compiledCount()).isBetween(200, 256);
    }

    /** A template that passes the check but fails on an event's real data: the shipped one serves that notice. */
    @Test
    void aTemplateThatFailsOnRealDataFallsBackToTheShippedOneAndTheEventIsNotLost() throws Exception {
        String path = "/api/v1/templates/customer.receipt/en";
        // The sample has a message, so the check never takes this branch; a new ticket's notice has none.
        as("root", "admin").body("{\"subject\": \"[{ticket.number}] Received\", "
                + "\"text\": \"Hello{#if !message} {escalation.toTier.nothing}{/if}\"}").put(path)
                .then().statusCode(200);
        try {
            java.util.UUID ticket = java.util.UUID.randomUUID();
            String email = "bob-" + ticket + "@example.org";
            io.tierdesk.testsupport.TestEvents.publish(eventing.topic(io.tierdesk.events.Topics.TICKETS),
                    "/ticket-intake", ticket, new io.tierdesk.events.ticket.TicketOpened(ticket, "TD-100077",
                            io.tierdesk.events.ticket.Channel.EMAIL, new io.tierdesk.events.ticket.CustomerRef(
                                    "c-" + ticket, "Bob", email, null, "en"),
                            io.tierdesk.events.ticket.SupportPlan.WARRANTY, "Printer offline", "Since today",
                            io.tierdesk.events.ticket.Diagnostics.NONE, io.tierdesk.events.ticket.Urgency.MEDIUM,
                            null, List.of(), null, java.time.Instant.now()),
                    java.util.UUID.randomUUID(), java.time.Instant.now());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> TestMailServer.to(email).size() == 1);
            assertThat(TestMailServer.to(email).get(0).getSubject())
                    .isEqualTo("[TD-100077] We have received your request: Printer offline");
            assertThat(io.tierdesk.testsupport.TestMetrics.sum("tierdesk_notification_template_fallbacks_total",
                    "kind=customer.receipt")).isGreaterThanOrEqualTo(1);
        } finally {
            Templates.Template shipped = templates.shipped("customer.receipt", "en");
            as("root", "admin").body(java.util.Map.of("subject", shipped.subject(), "text", shipped.text(),
                    "html", shipped.html())).put(path).then().statusCode(200);
        }
    }

    private static String json(String text) {
        return new String(io.tierdesk.events.EventJson.write(text), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void rulesAreVersionedAndInvalidOnesAreRefusedNamingTheField() {
        as("root", "admin").get("/api/v1/rules").then().statusCode(200)
                .body("rules.kind", hasItem("customer.receipt"));
        as("root", "admin").body("""
                {"rules": [{"event": "tierdesk.ticket.opened.v1", "audience": "customer", "medium": "stream",
                            "kind": "customer.receipt", "enabled": true},
                           {"event": "tierdesk.ticket.nothing.v1", "audience": "boss", "medium": "email",
                            "kind": "no.such", "enabled": true}]}""").put("/api/v1/rules").then().statusCode(400)
                .body("errors.field", hasItem("rules[0].medium")).body("errors.field", hasItem("rules[1].event"))
                .body("errors.field", hasItem("rules[1].audience")).body("errors.field", hasItem("rules[1].kind"));
        as("anna", "agent").get("/api/v1/rules").then().statusCode(403);
    }
}
