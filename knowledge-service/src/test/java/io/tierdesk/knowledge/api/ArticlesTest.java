package io.tierdesk.knowledge.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TierdeskInfra;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The article's life over HTTP, on the real database: every step an event, every version readable. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class ArticlesTest {
    static final String PRINTER = """
            {"title": "Принтер не печатает", "problem": "Задание уходит, лист не выходит",
             "cause": "Закончилась бумага", "solution": "1. Откройте лоток\\n2. Положите бумагу",
             "language": "ru", "audience": "public", "tier": "L1", "products": ["printers"], "tags": ["paper"],
             "translationOf": null}""";

    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    static RequestSpecification agent() {
        return as("anna", "agent");
    }

    static RequestSpecification editor() {
        return as("kira", "kb-editor");
    }

    private String write() {
        return agent().body(PRINTER).post("/api/v1/articles").then().statusCode(201)
                .header("ETag", "\"1\"").body("version", equalTo(1)).body("state", equalTo("draft"))
                .extract().path("articleId");
    }

    @Test
    void anArticleIsWrittenReviewedPublishedAndRevisedWhileThePublishedVersionStaysLive() throws Exception {
        String id = write();
        agent().body("{\"to\": \"in-review\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(200).body("state", equalTo("in-review"));
        agent().body("{\"to\": \"published\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(403).contentType("application/problem+json");
        editor().body("{\"to\": \"published\", \"comment\": \"ok\"}").post("/api/v1/articles/" + id + "/transitions")
                .then().statusCode(200).body("state", equalTo("published")).body("liveVersion", equalTo(1));

        String revised = PRINTER.replace("Принтер не печатает", "Принтеры перестали печатать");
        agent().header("If-Match", "\"1\"").body(revised).put("/api/v1/articles/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("version", equalTo(2)).body("state", equalTo("draft"))
                .body("liveVersion", equalTo(1));
        // A writer who read version 1 is too late now.
        agent().header("If-Match", "\"1\"").body(revised).put("/api/v1/articles/" + id).then().statusCode(412);
        agent().get("/api/v1/articles/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("title", equalTo("Принтеры перестали печатать")).body("liveVersion", equalTo(1));
        agent().get("/api/v1/articles/" + id + "?version=1").then().statusCode(200)
                .body("title", equalTo("Принтер не печатает"));
        agent().get("/api/v1/articles/" + id + "/versions").then().statusCode(200)
                .body("version", hasItems(1, 2)).body("live", hasItems(true, false));
        agent().get("/api/v1/articles/" + id + "?version=3").then().statusCode(404);

        // Drafted, submitted, published, revised: four events, two version rows.
        org.assertj.core.api.Assertions.assertThat(TestDb.number(database,
                "SELECT count(*) FROM event WHERE stream_id = ?", id)).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThat(TestDb.number(database,
                "SELECT count(*) FROM article_version WHERE article_id = CAST(? AS uuid)", id)).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(TestDb.text(database,
                "SELECT state || ' ' || live_version FROM article WHERE article_id = CAST(? AS uuid)", id))
                .isEqualTo("draft 1");
    }

    @Test
    void aForbiddenMoveIs409AndASendBackNeedsAReason() {
        String id = write();
        editor().body("{\"to\": \"published\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(409).contentType("application/problem+json").body("errors.field", hasItems("to"));
        agent().body("{\"to\": \"in-review\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(200);
        editor().body("{\"to\": \"draft\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(400).body("errors.field", hasItems("comment"));
        editor().body("{\"to\": \"draft\", \"comment\": \"добавьте шаги\"}")
                .post("/api/v1/articles/" + id + "/transitions").then().statusCode(200)
                .body("state", equalTo("draft")).body("liveVersion", nullValue());
        editor().body("{\"to\": \"sideways\"}").post("/api/v1/articles/" + id + "/transitions").then()
                .statusCode(400).body("errors.field", hasItems("to"));
    }

    @Test
    void badInputIs400NamingEveryFieldAndChangesNothing() throws Exception {
        long before = TestDb.number(database, "SELECT count(*) FROM event");
        agent().body("""
                {"title": " ", "solution": "", "language": "de", "audience": "everyone", "tier": "L9",
                 "products": ["", "printers"]}""").post("/api/v1/articles").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("title", "solution", "language", "audience", "tier", "products"));
        String id = write();
        agent().body(PRINTER).put("/api/v1/articles/" + id).then().statusCode(400)
                .body("errors.field", hasItems("If-Match"));
        org.assertj.core.api.Assertions.assertThat(TestDb.number(database, "SELECT count(*) FROM event"))
                .isEqualTo(before + 1);
        as("carl", "channel").body(PRINTER).post("/api/v1/articles").then().statusCode(403);
    }

    @Test
    void theTextIsRenderedFromMarkdownAndNothingAScriptCouldUseSurvives() {
        String id = agent().body("""
                {"title": "Markdown", "problem": "**Жирный** и <script>alert(1)</script>",
                 "solution": "1. [ссылка](javascript:alert(1))\\n2. [сайт](https://example.org)",
                 "language": "ru", "audience": "public", "tier": "L1"}""").post("/api/v1/articles").then()
                .statusCode(201).extract().path("articleId");
        String problem = agent().get("/api/v1/articles/" + id).then().statusCode(200).extract().path("html.problem");
        String solution = agent().get("/api/v1/articles/" + id).then().extract().path("html.solution");
        org.assertj.core.api.Assertions.assertThat(problem).contains("<strong>Жирный</strong>")
                .doesNotContain("<script>");
        org.assertj.core.api.Assertions.assertThat(solution).contains("<ol>", "href=\"https://example.org\"")
                .doesNotContain("javascript:");
    }

    @Test
    void theListPagesWithACursorNewestFirstAndFilters() {
        String product = "list-" + java.util.UUID.randomUUID();
        String body = PRINTER.replace("\"printers\"", "\"" + product + "\"");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(agent().body(body).post("/api/v1/articles").then().statusCode(201).extract().path("articleId"));
        }
        agent().body("{\"to\": \"in-review\"}").post("/api/v1/articles/" + ids.get(0) + "/transitions").then()
                .statusCode(200);
        var first = agent().queryParam("product", product).queryParam("limit", 2).get("/api/v1/articles").then()
                .statusCode(200).extract().jsonPath();
        // The article submitted last changed last: it comes first.
        org.assertj.core.api.Assertions.assertThat(first.getList("items.articleId"))
                .containsExactly(ids.get(0), ids.get(2));
        String next = first.getString("next");
        var second = agent().queryParam("product", product).queryParam("limit", 2).queryParam("cursor", next)
                .get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(second.getList("items.articleId")).containsExactly(ids.get(1));
        org.assertj.core.api.Assertions.assertThat(second.getString("next")).isNull();
        agent().queryParam("product", product).queryParam("state", "in-review").get("/api/v1/articles").then()
                .statusCode(200).body("items.articleId", org.hamcrest.Matchers.contains(ids.get(0)));
        agent().queryParam("cursor", "garbage").get("/api/v1/articles").then().statusCode(400)
                .body("errors.field", hasItems("cursor"));
        agent().queryParam("state", "lost").get("/api/v1/articles").then().statusCode(400)
                .body("errors.field", hasItems("state"));
    }

    @Test
    void aRepeatedWriteWithTheSameKeyMakesOneArticle() throws Exception {
        String first = agent().header("Idempotency-Key", "k-write-1").body(PRINTER).post("/api/v1/articles").then()
                .statusCode(201).extract().path("articleId");
        agent().header("Idempotency-Key", "k-write-1").body(PRINTER).post("/api/v1/articles").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("articleId", equalTo(first));
        org.assertj.core.api.Assertions.assertThat(TestDb.number(database,
                "SELECT count(*) FROM article WHERE article_id = CAST(? AS uuid)", first)).isEqualTo(1);
    }
}
