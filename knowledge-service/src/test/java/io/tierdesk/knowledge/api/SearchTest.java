package io.tierdesk.knowledge.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.knowledge.application.Articles;
import io.tierdesk.knowledge.projection.SearchIndex;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Search over HTTP: only what is published, the audience by the caller's role, and an index any replica rebuilds. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SearchTest {
    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    Articles articles;
    @Inject
    SearchIndex index;
    @Inject
    io.vertx.core.Vertx vertx;
    @Inject
    io.tierdesk.eventing.config.EventingConfig eventing;

    static String article(String title, String text, String language, String audience, String translationOf) {
        return """
                {"title": "%s", "problem": "%s", "solution": "%s", "language": "%s", "audience": "%s",
                 "tier": "L1", "products": ["test"], "translationOf": %s}""".formatted(title, text, text, language,
                audience, translationOf == null ? "null" : "\"" + translationOf + "\"");
    }

    static String write(String body) {
        return as("anna", "agent").body(body).post("/api/v1/articles").then().statusCode(201).extract()
                .path("articleId");
    }

    static void move(String id, String to) {
        as("kira", "kb-editor").body("{\"to\": \"" + to + "\"}").post("/api/v1/articles/" + id + "/transitions")
                .then().statusCode(200);
    }

    static String publish(String body) {
        String id = write(body);
        move(id, "in-review");
        move(id, "published");
        return id;
    }

    static List<String> found(String role, String query) {
        return as("x", role).queryParam("q", query).queryParam("product", "test").get("/api/v1/search").then()
                .statusCode(200).extract().path("items.articleId");
    }

    @Test
    void publishedArticlesAreFoundDraftsAndRetiredOnesAreNotAndChannelsSeePublicOnly() throws Throwable {
        String printers = publish(article("Принтеры перестали печатать", "Задания висят в очереди печати", "ru",
                "public", null));
        String english = publish(article("Printers stopped printing", "Jobs stay in the print queue", "en", "public",
                printers));
        String internal = publish(article("Сброс очереди печати на сервере", "Очередь печати сервера чистится",
                "ru", "internal", null));
        String draft = write(article("Черновик про печать принтера", "Принтер не печатает", "ru", "public", null));

        assertThat(found("agent", "принтер не печатает")).contains(printers, internal).doesNotContain(draft);
        assertThat(found("agent", "принтер не печатает").get(0)).isEqualTo(printers);
        // The English query finds both: the English article by its words, the Russian one through its translation.
        assertThat(found("agent", "printing failed")).contains(english, printers);
        assertThat(found("channel", "очередь печати")).contains(printers).doesNotContain(internal);
        as("x", "channel").queryParam("q", "очередь печати").queryParam("audience", "internal")
                .queryParam("product", "test").get("/api/v1/search").then().statusCode(200)
                .body("items.audience", org.hamcrest.Matchers.everyItem(equalTo("public")));

        // A replica started empty reads the events and answers the same.
        SearchIndex fresh = new SearchIndex(sessions, articles, vertx, java.time.Duration.ofMinutes(1));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(fresh::rebuild);
        assertThat(ids(fresh.search("принтер не печатает", filter(), 10)))
                .isEqualTo(ids(index.search("принтер не печатает", filter(), 10)));

        move(printers, "retired");
        assertThat(found("agent", "принтеры перестали печатать")).doesNotContain(printers);
    }

    /**
     * Internal articles are seen only when a role that may see them is present (an allow-list), whatever else the
     * token carries: a channel with an unknown group is still a channel.
     */
    @Test
    void internalArticlesAreSeenOnlyWithAStaffRoleWhateverElseTheTokenCarries() {
        String internal = publish(article("Перезапуск шлюза телефонии АТС", "Шлюз телефонии АТС перезапускается",
                "ru", "internal", null));
        java.util.Map<List<String>, Boolean> seesInternal = new java.util.LinkedHashMap<>();
        seesInternal.put(List.of("channel"), false);
        seesInternal.put(List.of("channel", "customer"), false);
        seesInternal.put(List.of("channel", "Agent"), false);
        seesInternal.put(List.of("channel", "everyone"), false);
        seesInternal.put(List.of("channel", "agent"), true);
        seesInternal.put(List.of("agent"), true);
        seesInternal.put(List.of("kb-editor"), true);
        seesInternal.put(List.of("supervisor"), true);
        seesInternal.put(List.of("admin"), true);
        seesInternal.forEach((roles, sees) -> {
            List<String> found = io.restassured.RestAssured.given()
                    .header("Authorization", io.tierdesk.testsupport.TestTokens.bearer("x",
                            roles.toArray(String[]::new)))
                    .queryParam("q", "шлюз телефонии АТС").queryParam("product", "test").get("/api/v1/search")
                    .then().statusCode(200).extract().path("items.articleId");
            assertThat(found.contains(internal)).as("roles " + roles).isEqualTo(sees);
        });
    }

    /** A query with more distinct words than a search takes is a 400 naming q, not a 500 from the index. */
    @Test
    void aQueryWithTooManyWordsIsRefusedNamingQ() {
        StringBuilder cjk = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            cjk.appendCodePoint(0x4E00 + i * 37);
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            words.append("w").append(Integer.toString(i, 36)).append(' ');
        }
        for (String q : List.of(cjk.toString(), words.toString().strip())) {
            as("x", "agent").queryParam("q", q).get("/api/v1/search").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem("q"));
        }
        // Within the bound, a long query is searched.
        as("x", "agent").queryParam("q", words.substring(0, 150)).get("/api/v1/search").then().statusCode(200);
    }

    /** A change a replica could not index when it heard of it is read again at its next look, not lost. */
    @Test
    void aChangeTheIndexCouldNotTakeIsReadAgainLater() throws Throwable {
        SearchIndex other = new SearchIndex(sessions, articles, vertx, java.time.Duration.ofMinutes(1));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::rebuild);
        UUID id = publishElsewhere("Клавиатура печатает не те буквы", "Переключите раскладку клавиатуры");
        assertThat(ids(other.search("клавиатура печатает не те буквы", filter(), 10))).doesNotContain(id);
        other.missed(id);
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::retryMissed)).isEqualTo(1);
        assertThat(ids(other.search("клавиатура печатает не те буквы", filter(), 10))).contains(id);
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(other::retryMissed)).isZero();
    }

    /** Another replica decides through the store alone; this one's index learns of it from the topic. */
    @Test
    void anArticlePublishedByAnotherReplicaReachesThisIndexThroughTheTopic() throws Throwable {
        UUID id = publishElsewhere("Модем теряет сеть в подвале", "Вынесите модем на удлинителе");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> found("agent", "модем в подвале").contains(id.toString()));
    }

    /**
     * A replica rebuilt its index, then another published an article before this one's topic consumer had fixed its
     * position: the event is before that position, the article after the rebuild. Once the consumer is assigned,
     * the index reads what changed since the rebuild began.
     */
    @Test
    void anArticlePublishedBetweenTheRebuildAndTheConsumersFirstPositionIsCaughtUp() throws Throwable {
        SearchIndex starting = new SearchIndex(sessions, articles, vertx, java.time.Duration.ofMinutes(1));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(starting::rebuild);
        UUID id = publishElsewhere("Сканер теряет листы в лотке", "Почистите ролики подачи сканера");
        assertThat(ids(starting.search("сканер теряет листы", filter(), 10))).doesNotContain(id);

        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", io.tierdesk.testsupport.TierdeskInfra.KAFKA);
        props.put("group.id", "search-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "latest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            String topic = eventing.topic(io.tierdesk.events.Topics.KNOWLEDGE);
            var partitions = consumer.partitionsFor(topic, java.time.Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            new io.tierdesk.knowledge.messaging.IndexConsumerAssigned(starting).onPartitionsAssigned(consumer,
                    partitions);
        }
        assertThat(ids(starting.search("сканер теряет листы", filter(), 10))).contains(id);
    }

    /** Writes and publishes an article through the store alone, as another replica would. */
    private UUID publishElsewhere(String title, String solution) throws Throwable {
        UUID id = UUID.randomUUID();
        var editor = new io.tierdesk.knowledge.domain.ArticleDecider.Actor("other-replica", true);
        var content = new io.tierdesk.events.knowledge.ArticleContent(title, "Сигнала нет", null, solution,
                io.tierdesk.events.knowledge.Language.RU, io.tierdesk.events.knowledge.Audience.PUBLIC,
                io.tierdesk.events.routing.Tier.L1, List.of("test"), List.of(), null, List.of());
        for (io.tierdesk.knowledge.domain.ArticleCommand command : List.of(
                new io.tierdesk.knowledge.domain.ArticleCommand.WriteArticle(id, content),
                new io.tierdesk.knowledge.domain.ArticleCommand.MoveArticle(
                        io.tierdesk.knowledge.domain.ArticleState.IN_REVIEW, null),
                new io.tierdesk.knowledge.domain.ArticleCommand.MoveArticle(
                        io.tierdesk.knowledge.domain.ArticleState.PUBLISHED, null))) {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session ->
                    articles.execute(session, id, command, editor)));
        }
        return id;
    }

    @Test
    void searchesThatFindNothingAreListedForEditorsMostSearchedFirst() {
        String gap = "квантовый телепорт " + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            as("x", "channel").queryParam("q", i == 1 ? gap.toUpperCase() : gap).get("/api/v1/search").then()
                    .statusCode(200).body("items", org.hamcrest.Matchers.empty());
        }
        as("kira", "kb-editor").get("/api/v1/search/gaps").then().statusCode(200)
                .body("find { it.query == '" + gap + "' }.searches", equalTo(3));
        as("anna", "agent").get("/api/v1/search/gaps").then().statusCode(403);
    }

    @Test
    void aQueryIsRequiredAndFiltersAreChecked() {
        as("anna", "agent").get("/api/v1/search").then().statusCode(400).body("errors.field", hasItems("q"));
        as("anna", "agent").queryParam("q", "x").queryParam("lang", "de").get("/api/v1/search").then()
                .statusCode(400).body("errors.field", hasItems("lang"));
        as("anna", "agent").queryParam("q", "x").queryParam("limit", "500").get("/api/v1/search").then()
                .statusCode(400).body("errors.field", hasItems("limit"));
    }

    private static ArticleIndex.Filter filter() {
        return new ArticleIndex.Filter(null, null, "test", null);
    }

    private static List<UUID> ids(List<ArticleIndex.Hit> hits) {
        return hits.stream().map(ArticleIndex.Hit::articleId).toList();
    }
}
