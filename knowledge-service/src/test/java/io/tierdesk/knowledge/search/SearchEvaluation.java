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
        /** From the rank of each query's right article (0 first, -1 not found). */
        static Scores of(List<Integer> ranks) {
            int n = ranks.size();
            return new Scores(n, ranks.stream().filter(r -> r == 0).count() / (double) n,
                    ranks.stream().filter(r -> r >= 0 && r < 5).count() / (double) n,
                    ranks.stream().filter(r -> r >= 0).mapToDouble(r -> 1.0 / (r + 1)).sum() / n);
        }
    }

    /** Where the right article is among those found: 0 first, -1 not among them. */
    static int rank(EvaluationSet set, List<UUID> found, EvaluationSet.Query query) {
        for (int rank = 0; rank < found.size(); rank++) {
            if (set.answers(found.get(rank), query)) {
                return rank;
            }
        }
        return -1;
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
        if (args.length > 0 && args[0].equals("grouping")) {
            grouping(set);
            return;
        }
        System.out.printf("evaluation set: %d articles, %d queries%n", set.articles.size(), set.queries.size());
        for (Map.Entry<String, ArticleIndex.Options> c : CONFIGURATIONS.entrySet()) {
            Scores s = score(set, c.getValue());
            System.out.printf("%-28s recall@1 %.3f  recall@5 %.3f  MRR %.3f%n", c.getKey(), s.recallAt1(),
                    s.recallAt5(), s.mrr());
        }
        if (args.length > 1 && args[1].equals("lucene")) {
            latency(set, Integer.parseInt(args[0]));
            return;
        }
        System.out.println("learning from solved tickets and feedback, two-fold cross-validated "
                + "(half the queries as tickets and feedback, scored on the other half):");
        for (ArticleIndex.Options base : List.of(ArticleIndex.Options.ALL,
                new ArticleIndex.Options(true, true, true, true, false))) {
            System.out.printf("  from %s:%n", base.vocabulary() ? "all techniques" : "all but the vocabulary");
            for (float tickets : new float[] {0f, 0.25f, 0.5f, 1f, 2f}) {
                for (float feedback : new float[] {0f, 0.5f, 0.9f}) {
                    Scores s = learned(set, base.withWeights(tickets, feedback));
                    System.out.printf("    ticket weight %.2f, feedback weight %.2f  recall@1 %.3f  recall@5 %.3f  "
                            + "MRR %.3f%n", tickets, feedback, s.recallAt1(), s.recallAt5(), s.mrr());
                }
            }
        }
        grouping(set);
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

    /**
     * Two folds: one half of the queries stands for solved tickets — each linked to its right article, and a wrong
     * first suggestion marked not helpful for it — and the other half is scored against an index that learnt from
     * them.
     */
    public static Scores learned(EvaluationSet set, ArticleIndex.Options options) {
        List<Integer> ranks = new ArrayList<>();
        for (int fold = 0; fold < 2; fold++) {
            List<EvaluationSet.Query> taught = new ArrayList<>();
            List<EvaluationSet.Query> asked = new ArrayList<>();
            for (int i = 0; i < set.queries.size(); i++) {
                (i % 2 == fold ? taught : asked).add(set.queries.get(i));
            }
            Map<UUID, List<String>> tickets = new java.util.HashMap<>();
            taught.forEach(q -> tickets.computeIfAbsent(set.articles.get(q.article()).id(),
                    k -> new ArrayList<>()).add(q.text()));
            Map<UUID, List<String>> rejected = new java.util.HashMap<>();
            try (ArticleIndex plain = new ArticleIndex(options.withWeights(0, 0))) {
                set.entries().forEach(plain::put);
                plain.refresh();
                for (EvaluationSet.Query q : taught) {
                    List<ArticleIndex.Hit> hits = plain.search(q.text(), ArticleIndex.Filter.NONE, 5);
                    if (!hits.isEmpty() && !set.answers(hits.get(0).articleId(), q)) {
                        rejected.computeIfAbsent(hits.get(0).articleId(), k -> new ArrayList<>()).add(q.text());
                    }
                }
            }
            try (ArticleIndex index = new ArticleIndex(options)) {
                set.entries().forEach(e -> index.put(new ArticleIndex.Entry(e.articleId(), e.language(), e.audience(),
                        e.tier(), e.products(), e.title(), e.text(), e.translations(),
                        tickets.getOrDefault(e.articleId(), List.of()), rejected.getOrDefault(e.articleId(),
                        List.of()))));
                index.refresh();
                for (EvaluationSet.Query q : asked) {
                    ranks.add(rank(set, index.search(q.text(), ArticleIndex.Filter.NONE, 10).stream()
                            .map(ArticleIndex.Hit::articleId).toList(), q));
                }
            }
        }
        return Scores.of(ranks);
    }

    /**
     * The queries taken as resolved tickets no article answered, grouped by {@link SimilarTickets} — each with the five
     * articles a knowledge base without its right article suggests — and without those suggestions: of the pairs put
     * in one group, the share that one article answers (precision), and of the pairs one article answers, the share
     * put in one group (recall).
     */
    static void grouping(EvaluationSet set) {
        List<String> families = set.queries.stream().map(q -> set.articles.get(q.article()).family()).toList();
        Map<String, List<UUID>> suggestedFor = new java.util.HashMap<>();
        for (String family : new java.util.HashSet<>(families)) {
            try (ArticleIndex without = new ArticleIndex(ArticleIndex.Options.ALL)) {
                set.entries().stream().filter(e -> !set.family(e.articleId()).equals(family)).forEach(without::put);
                without.refresh();
                set.queries.stream().filter(q -> set.articles.get(q.article()).family().equals(family))
                        .forEach(q -> suggestedFor.put(q.text(), without.search(q.text(), ArticleIndex.Filter.NONE, 5)
                                .stream().map(ArticleIndex.Hit::articleId).toList()));
            }
        }
        System.out.printf("grouping %d queries as resolved tickets (%d articles answer them):%n", set.queries.size(),
                families.stream().distinct().count());
        for (boolean withSuggestions : new boolean[] {false, true}) {
            List<SimilarTickets.Ticket> tickets = set.queries.stream().map(q -> new SimilarTickets.Ticket(q.text(),
                    withSuggestions ? suggestedFor.get(q.text()) : List.of())).toList();
            for (double threshold : new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4}) {
                PairCounts c = PairCounts.of(SimilarTickets.group(tickets, threshold), families);
                System.out.printf("  %-24s threshold %.2f  groups %3d  pairwise precision %.3f  recall %.3f  "
                        + "F1 %.3f%n", withSuggestions ? "words and suggestions" : "words", threshold, c.groups(),
                        c.precision(), c.recall(), c.f1());
            }
        }
    }

    record PairCounts(int groups, double precision, double recall) {
        static PairCounts of(List<List<Integer>> groups, List<String> truth) {
            long together = 0;
            long togetherRight = 0;
            long right = 0;
            int[] groupOf = new int[truth.size()];
            for (int g = 0; g < groups.size(); g++) {
                for (int i : groups.get(g)) {
                    groupOf[i] = g;
                }
            }
            for (int i = 0; i < truth.size(); i++) {
                for (int j = i + 1; j < truth.size(); j++) {
                    boolean same = truth.get(i).equals(truth.get(j));
                    boolean grouped = groupOf[i] == groupOf[j];
                    right += same ? 1 : 0;
                    together += grouped ? 1 : 0;
                    togetherRight += same && grouped ? 1 : 0;
                }
            }
            return new PairCounts(groups.size(), together == 0 ? 0 : (double) togetherRight / together,
                    right == 0 ? 0 : (double) togetherRight / right);
        }

        double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    /** A search that answers article ids, best first. */
    interface Engine {
        List<UUID> search(String query) throws java.sql.SQLException;
    }

    static Scores score(EvaluationSet set, Engine engine) throws java.sql.SQLException {
        List<Integer> ranks = new ArrayList<>();
        for (EvaluationSet.Query q : set.queries) {
            ranks.add(rank(set, engine.search(q.text()), q));
        }
        return Scores.of(ranks);
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
