package io.tierdesk.knowledge.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prints, for each engine configuration, recall@1, recall@5 and MRR over the evaluation set, and search latency with
 * the set grown to 10,000 articles. {@code ./tierdesk bench search} runs it; nothing here asserts a figure.
 */
public final class SearchEvaluation {
    public record Scores(int queries, double recallAt1, double recallAt5, double mrr) {
    }

    public static final Map<String, ArticleIndex.Options> CONFIGURATIONS = new LinkedHashMap<>();

    static {
        CONFIGURATIONS.put("lucene: words only", new ArticleIndex.Options(false, false, false, false, false));
        CONFIGURATIONS.put("lucene: + stemming", new ArticleIndex.Options(true, false, false, false, false));
        CONFIGURATIONS.put("lucene: + translations", new ArticleIndex.Options(true, false, false, true, false));
        CONFIGURATIONS.put("lucene: + fuzzy", new ArticleIndex.Options(true, true, false, true, false));
        CONFIGURATIONS.put("lucene: + layout", new ArticleIndex.Options(true, true, true, true, false));
        CONFIGURATIONS.put("lucene: + vocabulary (all)", ArticleIndex.Options.ALL);
    }

    private SearchEvaluation() {
    }

    public static Scores score(EvaluationSet set, ArticleIndex.Options options) {
        try (ArticleIndex index = new ArticleIndex(options)) {
            set.entries().forEach(index::put);
            index.refresh();
            return score(set, index);
        }
    }

    static Scores score(EvaluationSet set, ArticleIndex index) {
        try {
            return score(set, q -> index.search(q, ArticleIndex.Filter.NONE, 10).stream()
                    .map(ArticleIndex.Hit::articleId).toList());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        EvaluationSet set = EvaluationSet.load();
        System.out.printf("evaluation set: %d articles, %d queries%n", set.articles.size(), set.queries.size());
        for (Map.Entry<String, ArticleIndex.Options> c : CONFIGURATIONS.entrySet()) {
            Scores s = score(set, c.getValue());
            System.out.printf("%-28s recall@1 %.3f  recall@5 %.3f  MRR %.3f%n", c.getKey(), s.recallAt1(),
                    s.recallAt5(), s.mrr());
        }
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        latency(set, size);
        for (boolean trigrams : new boolean[] {false, true}) {
            String name = trigrams ? "postgres: fts + pg_trgm" : "postgres: fts";
            try (PostgresSearch pg = new PostgresSearch(set, trigrams, 0)) {
                Scores s = score(set, q -> pg.search(q, 10));
                System.out.printf("%-28s recall@1 %.3f  recall@5 %.3f  MRR %.3f%n", name, s.recallAt1(), s.recallAt5(),
                        s.mrr());
            } catch (java.sql.SQLException e) {
                System.out.printf("%-28s not measured: %s%n", name, e.getMessage());
                continue;
            }
            try (PostgresSearch pg = new PostgresSearch(set, trigrams, size)) {
                List<Long> nanos = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (EvaluationSet.Query q : set.queries) {
                        long start = System.nanoTime();
                        pg.search(q.text(), 10);
                        if (round > 0) {
                            nanos.add(System.nanoTime() - start);
                        }
                    }
                }
                print(name, size, nanos);
            } catch (java.sql.SQLException e) {
                System.out.printf("%-28s latency not measured: %s%n", name, e.getMessage());
            }
        }
    }

    /** A search that answers article ids, best first. */
    interface Engine {
        List<UUID> search(String query) throws java.sql.SQLException;
    }

    static Scores score(EvaluationSet set, Engine engine) throws java.sql.SQLException {
        int at1 = 0;
        int at5 = 0;
        double reciprocal = 0;
        for (EvaluationSet.Query q : set.queries) {
            List<UUID> found = engine.search(q.text());
            for (int rank = 0; rank < found.size(); rank++) {
                if (set.answers(found.get(rank), q)) {
                    at1 += rank == 0 ? 1 : 0;
                    at5 += rank < 5 ? 1 : 0;
                    reciprocal += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        int n = set.queries.size();
        return new Scores(n, (double) at1 / n, (double) at5 / n, reciprocal / n);
    }

    static void print(String name, int size, List<Long> nanos) {
        nanos.sort(null);
        System.out.printf("%-28s latency with %d articles (%d searches after a warm-up round): p50 %.2f ms, "
                + "p95 %.2f ms%n", name, size, nanos.size(), nanos.get(nanos.size() / 2) / 1e6,
                nanos.get((int) (nanos.size() * 0.95)) / 1e6);
    }

    /** The set's articles repeated with other ids (and a distinguishing word) up to {@code size} documents. */
    static void latency(EvaluationSet set, int size) {
        try (ArticleIndex index = new ArticleIndex(ArticleIndex.Options.ALL)) {
            List<ArticleIndex.Entry> entries = set.entries();
            for (int i = 0; i < size; i++) {
                ArticleIndex.Entry e = entries.get(i % entries.size());
                index.put(new ArticleIndex.Entry(i < entries.size() ? e.articleId() : UUID.randomUUID(), e.language(),
                        e.audience(), e.tier(), e.products(), e.title(), e.text() + " модель" + i, e.translations()));
            }
            index.refresh();
            List<Long> nanos = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (EvaluationSet.Query q : set.queries) {
                    long start = System.nanoTime();
                    index.search(q.text(), ArticleIndex.Filter.NONE, 10);
                    if (round > 0) {
                        nanos.add(System.nanoTime() - start);
                    }
                }
            }
            print("lucene (all)", size, nanos);
        }
    }
}
