package io.tierdesk.knowledge.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The evaluation set kept in {@code src/test/resources/evaluation}: support articles in Russian and English (some
 * translations of others) and queries written the way customers write, each with the article that answers it. A
 * result counts as right when it is that article or a translation of it.
 */
public final class EvaluationSet {
    public record Article(String key, UUID id, String language, List<String> products, String title, String text,
            String family) {
    }

    public record Query(String text, String article) {
    }

    public final Map<String, Article> articles = new LinkedHashMap<>();
    public final List<Query> queries = new ArrayList<>();

    public static EvaluationSet load() {
        EvaluationSet set = new EvaluationSet();
        ObjectMapper json = new ObjectMapper();
        for (JsonNode a : lines(json, "evaluation/articles.jsonl")) {
            String key = a.get("key").asText();
            String family = a.hasNonNull("translationOf") ? a.get("translationOf").asText() : key;
            List<String> products = new ArrayList<>();
            a.get("products").forEach(p -> products.add(p.asText()));
            String text = String.join("\n", a.get("problem").asText(), a.get("cause").asText(),
                    a.get("solution").asText());
            set.articles.put(key, new Article(key, UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
                    a.get("language").asText(), products, a.get("title").asText(), text, family));
        }
        for (JsonNode q : lines(json, "evaluation/queries.jsonl")) {
            set.queries.add(new Query(q.get("query").asText(), q.get("article").asText()));
        }
        return set;
    }

    /** Every article as the index takes it, with the text of its translations. */
    public List<ArticleIndex.Entry> entries() {
        return articles.values().stream().map(a -> new ArticleIndex.Entry(a.id(), a.language(), "public", "L1",
                a.products(), a.title(), a.text(), articles.values().stream()
                        .filter(o -> o.family().equals(a.family()) && !o.key().equals(a.key()))
                        .map(o -> new ArticleIndex.Translation(o.language(), o.title(), o.text())).toList()))
                .toList();
    }

    /** The family (an original and its translations) of the article with that id. */
    public String family(UUID id) {
        return articles.values().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow().family();
    }

    /** Whether the article found answers the query: the expected one, or a translation of it. */
    public boolean answers(UUID found, Query query) {
        Article expected = articles.get(query.article());
        return articles.values().stream().anyMatch(a -> a.id().equals(found) && a.family().equals(expected.family()));
    }

    private static List<JsonNode> lines(ObjectMapper json, String resource) {
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(EvaluationSet.class.getClassLoader()
                .getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }
}
