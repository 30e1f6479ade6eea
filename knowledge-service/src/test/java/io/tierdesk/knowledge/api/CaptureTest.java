package io.tierdesk.knowledge.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import io.tierdesk.knowledge.search.ArticleIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Every solution ends up in the knowledge base: linked to its article, or a candidate for a new one. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class CaptureTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;
    @Inject
    org.hibernate.reactive.mutiny.Mutiny.SessionFactory sessions;
    @Inject
    io.tierdesk.knowledge.application.Articles articles;
    @Inject
    io.vertx.core.Vertx vertx;

    private UUID publish(UUID ticket, Object event) {
        UUID id = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, event, id, Instant.now());
        return id;
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM processed_event WHERE event_id = ?", eventId.toString()) == 1);
    }

    private UUID open(String subject, String body) {
        UUID ticket = UUID.randomUUID();
        awaitProcessed(publish(ticket, new TicketOpened(ticket, "TD-C" + ticket.toString().substring(0, 4),
                Channel.EMAIL, new CustomerRef("c-1", null, null, null, "ru"), SupportPlan.WARRANTY, subject, body,
                Diagnostics.NONE, Urgency.MEDIUM, null, List.of(), null, Instant.now())));
        return ticket;
    }

    private long links(String article) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ? AND type = ?", article,
                "tierdesk.knowledge.article.linked.v1");
    }

    @Test
    void aResolutionNamingAnArticleLinksItOncePerTicket() throws Exception {
        String article = SearchTest.publish(SearchTest.article("Сброс пароля", "Забыли пароль", "ru", "public",
                null));
        UUID ticket = open("забыл пароль", "не могу войти");
        TicketResolved resolved = new TicketResolved(ticket, "anna", "сбросили пароль", UUID.fromString(article),
                Instant.now());
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, resolved, eventId, Instant.now());
        awaitProcessed(eventId);
        assertThat(links(article)).isEqualTo(1);
        // Redelivered: the inbox absorbs it. Resolved again after a reopening: the same ticket counts once.
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, resolved, eventId, Instant.now());
        awaitProcessed(publish(ticket, resolved));
        assertThat(links(article)).isEqualTo(1);
        UUID other = open("опять пароль", "не помню");
        awaitProcessed(publish(other, new TicketResolved(other, "anna", "сбросили", UUID.fromString(article),
                Instant.now())));
        assertThat(links(article)).isEqualTo(2);
        // An article nobody has: the consumer goes on, nothing is linked.
        UUID stray = open("что-то", "ещё");
        UUID strayResolution = publish(stray, new TicketResolved(stray, "anna", "x", UUID.randomUUID(),
                Instant.now()));
        awaitProcessed(strayResolution);
    }

    @Test
    void agentsWhoWorkedTheTicketSayWhetherItsSuggestionHelpedOneAnswerEach() throws Exception {
        String article = SearchTest.publish(SearchTest.article("Сброс кэша браузера", "Очистите кэш браузера", "ru",
                "public", null));
        String other = SearchTest.publish(SearchTest.article("Замена тонера", "Замените картридж тонера", "ru",
                "public", null));
        UUID ticket = open("Сброс кэша браузера", "как очистить кэш браузера");
        String path = "/api/v1/articles/" + article + "/feedback";
        // Nobody has worked the ticket yet: no vote counts, whoever sends it.
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}").post(path).then()
                .statusCode(403).body("errors.field", hasItem("worked-ticket"));
        as("anna", "agent").body("{\"ticketId\": \"" + UUID.randomUUID() + "\", \"helpful\": false}").post(path)
                .then().statusCode(403);
        awaitProcessed(publish(ticket, new io.tierdesk.events.ticket.AgentReplied(ticket, "anna", "Очистите кэш",
                Instant.now())));
        awaitProcessed(publish(ticket, new io.tierdesk.events.ticket.InternalNoteAdded(ticket, "boris", "проверил",
                Instant.now())));
        // An article that was not suggested for the ticket cannot be voted on through it.
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}")
                .post("/api/v1/articles/" + other + "/feedback").then().statusCode(422)
                .body("errors.field", hasItem("ticketId"));
        as("mallory", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}").post(path).then()
                .statusCode(403);
        // A value of the wrong kind is named by its field and what it must be, not by a Java type.
        String problem = as("anna", "agent").body("{\"ticketId\": \"not-a-ticket\", \"helpful\": \"maybe\"}")
                .post(path).then().statusCode(400).body("errors.field", hasItem("ticketId")).extract().asString();
        assertThat(problem).contains("UUID").doesNotContain("java.").doesNotContain("`");
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}").post(path).then()
                .statusCode(200).body("helpful", equalTo(0)).body("notHelpful", equalTo(1));
        // Anna changes her mind: her answer is replaced, not added.
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": true}").post(path).then()
                .statusCode(200).body("helpful", equalTo(1)).body("notHelpful", equalTo(0));
        as("boris", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": true}").post(path).then()
                .statusCode(200).body("helpful", equalTo(2));
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\"}").post(path).then().statusCode(400)
                .body("errors.field", hasItem("helpful"));
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": true}")
                .post("/api/v1/articles/" + UUID.randomUUID() + "/feedback").then().statusCode(404);
    }

    @Test
    void aResolutionWithoutAnArticleIsACandidateAndAnAgentDraftsFromIt() throws Exception {
        UUID ticket = open("Сканер сохраняет чёрные листы", "После обновления драйвера все сканы чёрные");
        awaitProcessed(publish(ticket, new TicketResolved(ticket, "anna", "Откатили драйвер сканера до 5.2", null,
                Instant.now())));
        as("anna", "agent").get("/api/v1/articles/candidates").then().statusCode(200)
                .body("ticketIds.flatten()", hasItem(ticket.toString()))
                .body("tickets.flatten().find { it.ticketId == '" + ticket + "' }.subject",
                        equalTo("Сканер сохраняет чёрные листы"));
        String key = UUID.randomUUID().toString();
        String article = as("anna", "agent").header("Idempotency-Key", key)
                .post("/api/v1/tickets/" + ticket + "/article-draft").then()
                .statusCode(201).body("state", equalTo("draft")).extract().path("articleId");
        // A retry after a lost answer gets the same draft, not a 404 for a candidate already drafted.
        as("anna", "agent").header("Idempotency-Key", key).post("/api/v1/tickets/" + ticket + "/article-draft")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("articleId", equalTo(article));
        as("anna", "agent").get("/api/v1/articles/" + article).then().statusCode(200)
                .body("title", equalTo("Сканер сохраняет чёрные листы"))
                .body("solution", equalTo("Откатили драйвер сканера до 5.2"))
                .body("language", equalTo("ru")).body("audience", equalTo("internal"));
        as("anna", "agent").get("/api/v1/articles/candidates").then().statusCode(200)
                .body("ticketIds.flatten()", not(hasItem(ticket.toString())));
        as("anna", "agent").post("/api/v1/tickets/" + ticket + "/article-draft").then().statusCode(404);
    }

    /** Tickets that tell of one problem are one group; one draft written for the group covers them all. */
    @Test
    void candidatesAreGroupedBySimilarityAndOneDraftCoversAGroup() throws Exception {
        // A made-up model name, so that this run's tickets are told from those earlier runs left in the database.
        String tag = new java.util.Random().ints(6, 'a', 'z' + 1).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        List<UUID> alike = List.of(
                resolvedWithout("Ксерокс " + tag + " печатает пустые листы", "Листы выходят пустые, тонер есть"),
                resolvedWithout("Пустые листы из ксерокса " + tag, "Принтер печатает пустые страницы"),
                resolvedWithout("ксерокс " + tag + " выдает пустые листы", "пустая печать"));
        UUID other = resolvedWithout("Не приходит почта " + tag, "Письма от клиентов не доходят в ящик");
        List<List<String>> groups = as("anna", "agent").queryParam("limit", 500).get("/api/v1/articles/candidates")
                .then().statusCode(200).extract().path("ticketIds");
        List<String> group = groups.stream().filter(g -> g.contains(alike.get(0).toString())).findFirst().orElseThrow();
        assertThat(group).containsExactlyInAnyOrderElementsOf(alike.stream().map(UUID::toString).toList());
        assertThat(group).doesNotContain(other.toString());

        String article = as("anna", "agent").body("{\"covers\": [\"" + alike.get(1) + "\", \"" + alike.get(2) + "\"]}")
                .post("/api/v1/tickets/" + alike.get(0) + "/article-draft").then().statusCode(201).extract()
                .path("articleId");
        as("anna", "agent").get("/api/v1/articles/" + article).then().statusCode(200)
                .body("problem", org.hamcrest.Matchers.containsString("- Пустые листы из ксерокса " + tag));
        as("anna", "agent").queryParam("limit", 500).get("/api/v1/articles/candidates").then().statusCode(200)
                .body("ticketIds.flatten()", not(hasItem(alike.get(2).toString())))
                .body("ticketIds.flatten()", hasItem(other.toString()));
        as("anna", "agent").body("{\"covers\": [null]}").post("/api/v1/tickets/" + other + "/article-draft").then()
                .statusCode(400).body("errors.field", hasItem("covers"));
    }

    private UUID resolvedWithout(String subject, String body) {
        UUID ticket = open(subject, body);
        awaitProcessed(publish(ticket, new TicketResolved(ticket, "anna", "Почистили и перезапустили", null,
                Instant.now())));
        return ticket;
    }

    private static String publishIn(String product, String title, String text) {
        return SearchTest.publish("""
                {"title": "%s", "problem": "%s", "solution": "%s", "language": "ru", "audience": "public",
                 "tier": "L1", "products": ["%s"]}""".formatted(title, text, text, product));
    }

    private static List<String> foundIn(String product, String query) {
        return as("anna", "agent").queryParam("q", query).queryParam("product", product).get("/api/v1/search")
                .then().statusCode(200).extract().path("items.articleId");
    }

    /** The words customers used in the tickets an article solved find it, though its own text has none of them. */
    @Test
    void anArticleIsFoundByTheWordsOfTheTicketsItSolved() {
        String product = "rank-" + UUID.randomUUID();
        String article = publishIn(product, "Роутер не раздаёт интернет", "Перезагрузите роутер и проверьте кабель");
        publishIn(product, "Роутер перегревается", "Поставьте роутер на открытое место");
        assertThat(foundIn(product, "мигает красная лампочка")).isEmpty();

        UUID ticket = open("Мигает красная лампочка", "На коробке мигает красная лампочка, сайты не открываются");
        awaitProcessed(publish(ticket, new TicketResolved(ticket, "anna", "перезагрузили", UUID.fromString(article),
                Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> foundIn(product, "мигает красная лампочка")
                .equals(List.of(article)));
    }

    /** An article an agent found not helpful for a ticket falls below the next one for a query like that ticket. */
    @Test
    void anArticleFoundNotHelpfulFallsForQueriesLikeThatTicket() {
        String product = "rank-" + UUID.randomUUID();
        publishIn(product, "Ноутбук не видит сеть wi-fi после сна", "Выключите и включите адаптер wi-fi");
        String update = publishIn(product, "Ноутбук не видит сеть wi-fi после обновления",
                "Откатите драйвер адаптера wi-fi");
        String query = "ноутбук не видит сеть wi-fi";
        List<String> before = foundIn(product, query);
        assertThat(before).hasSize(2);

        UUID ticket = open("Ноутбук не видит сеть wi-fi", "ноутбук не видит сеть wi-fi");
        awaitProcessed(publish(ticket, new io.tierdesk.events.ticket.AgentReplied(ticket, "anna", "Смотрим",
                Instant.now())));
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}")
                .post("/api/v1/articles/" + before.get(0) + "/feedback").then().statusCode(200);
        assertThat(foundIn(product, query)).containsExactly(before.get(1), before.get(0));
        // A query unlike that ticket is not moved by it.
        assertThat(foundIn(product, "откатить драйвер адаптера")).first().isEqualTo(update);
    }

    /**
     * A second replica learns of feedback only by looking for answers recorded since its last look: an agent who
     * changes their answer must be seen there too (the change once kept the first answer's time, and the other
     * replica went on ranking by the old answer).
     */
    @Test
    void aChangedAnswerReachesAnotherReplicasRanking() throws Throwable {
        String product = "drift-" + UUID.randomUUID();
        String first = publishIn(product, "Планшет не заряжается от сети", "Замените кабель зарядки планшета");
        String second = publishIn(product, "Планшет не заряжается после падения", "Сдайте планшет в сервис");
        String query = "планшет не заряжается";
        List<String> before = foundIn(product, query);
        assertThat(before).hasSize(2);
        UUID ticket = open("Планшет не заряжается", "планшет не заряжается");
        awaitProcessed(publish(ticket, new io.tierdesk.events.ticket.AgentReplied(ticket, "anna", "Смотрим",
                Instant.now())));
        String path = "/api/v1/articles/" + before.get(0) + "/feedback";
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": false}").post(path).then()
                .statusCode(200);

        io.tierdesk.knowledge.projection.SearchIndex other = new io.tierdesk.knowledge.projection.SearchIndex(
                sessions, articles, vertx, Duration.ofMinutes(1));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::rebuild);
        ArticleIndex.Filter filter = new ArticleIndex.Filter(null, null, product, null);
        assertThat(ids(other.search(query, filter, 10))).containsExactly(before.get(1), before.get(0));

        // Time passes; then anna changes her mind.
        TestDb.number(database, "WITH moved AS (UPDATE article_feedback SET recorded_at = recorded_at - interval "
                + "'1 hour' WHERE ticket_id = ? RETURNING 1) SELECT count(*) FROM moved", ticket);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::feedbackSince);
        as("anna", "agent").body("{\"ticketId\": \"" + ticket + "\", \"helpful\": true}").post(path).then()
                .statusCode(200);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::feedbackSince);
        assertThat(ids(other.search(query, filter, 10))).containsExactlyElementsOf(foundIn(product, query))
                .containsExactlyElementsOf(before);
        assertThat(first).isNotEqualTo(second);
    }

    private static List<String> ids(List<ArticleIndex.Hit> hits) {
        return hits.stream().map(h -> h.articleId().toString()).toList();
    }
}
