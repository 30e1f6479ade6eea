package io.tierdesk.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.tartarus.snowball.ext.RussianStemmer;
import io.tierdesk.events.knowledge.Language;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.search.ConstantScoreQuery;

/**
 * The searchable articles of one replica, in memory, rebuilt from the event stream: one document per live article
 * holding its own text and its translations' text, each in the fields of its language, so that a query in either
 * language finds it. Russian words are reduced by the Snowball stemmer, English ones by Porter's; {@code ё} is
 * {@code е}. A query is analysed for both languages; typos are met by fuzzy terms and a query typed in the wrong
 * keyboard layout by its conversion, each a clause of its own, weaker than the words as typed.
 */
public final class ArticleIndex implements AutoCloseable {
    /**
     * Which techniques a search uses: all by default; the evaluation turns them off one by one.
     *
     * @param ticketWeight   how much a word of a ticket the article solved counts against a word of its own text
     * @param feedbackWeight how far an article falls for a query like a ticket whose agent found it not helpful:
     *                       its score is multiplied by {@code 1 - feedbackWeight × similarity} when the query shares
     *                       half its stems or more with the ticket's (0: ignored)
     */
    public record Options(boolean stemming, boolean fuzzy, boolean layout, boolean translations,
            boolean vocabulary, float ticketWeight, float feedbackWeight) {
        /** The weights the cross-validated evaluation chose (docs/decisions.md). */
        public static final float TICKET_WEIGHT = 1f;
        public static final float FEEDBACK_WEIGHT = 0.5f;
        public static final Options ALL = new Options(true, true, true, true, true, TICKET_WEIGHT, FEEDBACK_WEIGHT);

        public Options(boolean stemming, boolean fuzzy, boolean layout, boolean translations, boolean vocabulary) {
            this(stemming, fuzzy, layout, translations, vocabulary, 0f, 0f);
        }

        public Options withWeights(float tickets, float feedback) {
            return new Options(stemming, fuzzy, layout, translations, vocabulary, tickets, feedback);
        }
    }

    /**
     * One live article as the index keeps it.
     *
     * @param tickets  what customers wrote (subject and first message) in the tickets it solved or that an agent
     *                 found it helpful for
     * @param rejected what customers wrote in the tickets an agent found it not helpful for
     */
    public record Entry(UUID articleId, String language, String audience, String tier, List<String> products,
            String title, String text, List<Translation> translations, List<String> tickets, List<String> rejected) {
        public Entry(UUID articleId, String language, String audience, String tier, List<String> products,
                String title, String text, List<Translation> translations) {
            this(articleId, language, audience, tier, products, title, text, translations, List.of(), List.of());
        }
    }

    /** The text of a translation, indexed with its original. */
    public record Translation(String language, String title, String text) {
    }

    /** @param snippet the sentence of the article that best matches, HTML-escaped, matching words in {@code <mark>} */
    public record Hit(UUID articleId, String title, String language, String audience, float score, String snippet) {
    }

    /** What a search may see: null means any. */
    public record Filter(String language, String audience, String product, String tier) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** The words of a text a search uses at most ({@link #informative}). */
    static final int MAX_TERMS = 32;
    /** More distinct words than this in a typed query is a mistake (a pasted log), refused rather than trimmed. */
    public static final int MAX_QUERY_TERMS = 64;
    private static final String ID = "id";
    private static final float TITLE_BOOST = 2f;
    // Between the weights fuzzy terms had on titles (1) and texts (0.5) when each field had its own.
    private static final float FUZZY_BOOST = 0.75f;
    private static final float LAYOUT_BOOST = 0.8f;
    private static final float VOCABULARY_BOOST = 0.7f;
    private static final float SAME_LANGUAGE_BOOST = 0.5f;
    private static final double LIKE_THE_TICKET = 0.5;
    /** Fuzzy terms kept expanded per reader: a few kilobytes each. */
    private static final int EXPANSIONS = 2048;
    private static final Vocabulary VOCABULARY = Vocabulary.load();

    private final Options options;
    private final Analyzer russian;
    private final Analyzer english;
    /** Per article, the stems of each ticket it did not help with. */
    private final Map<UUID, List<Set<String>>> rejections = new ConcurrentHashMap<>();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    /** The current reader's searcher, with the fuzzy terms expanded against it. */
    private volatile Expansions expansions;
    private final LongAdder reused = new LongAdder();
    private final LongAdder made = new LongAdder();

    public ArticleIndex(Options options) {
        this.options = options;
        this.russian = analyzer(RussianAnalyzer.getDefaultStopSet(), true, options.stemming());
        this.english = analyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false, options.stemming());
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(new org.apache.lucene.analysis
                    .miscellaneous.PerFieldAnalyzerWrapper(english, Map.of("title_ru", russian,
                    "text_ru", russian, "tickets_ru", russian, "fuzzy_ru", russian))));
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces an article. Call {@link #refresh} to make changes visible. */
    public void put(Entry entry) {
        Document doc = new Document();
        doc.add(new StringField(ID, entry.articleId().toString(), Field.Store.YES));
        doc.add(new StringField("language", entry.language(), Field.Store.YES));
        doc.add(new StringField("audience", entry.audience(), Field.Store.YES));
        doc.add(new StringField("tier", entry.tier(), Field.Store.NO));
        entry.products().forEach(p -> doc.add(new StringField("product", p, Field.Store.NO)));
        doc.add(new StoredField("title", entry.title()));
        doc.add(new StoredField("body", entry.text()));
        addText(doc, entry.language(), entry.title(), entry.text());
        if (options.translations()) {
            entry.translations().forEach(t -> addText(doc, t.language(), t.title(), t.text()));
        }
        if (options.ticketWeight() > 0) {
            entry.tickets().forEach(t -> doc.add(new TextField("tickets_" + script(t), t, Field.Store.NO)));
        }
        if (options.feedbackWeight() > 0 && !entry.rejected().isEmpty()) {
            rejections.put(entry.articleId(), entry.rejected().stream().map(this::stemsOf).toList());
        } else {
            rejections.remove(entry.articleId());
        }
        try {
            writer.updateDocument(new Term(ID, entry.articleId().toString()), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(UUID articleId) {
        rejections.remove(articleId);
        try {
            writer.deleteDocuments(new Term(ID, articleId.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void refresh() {
        try {
            writer.commit();
            expansions = new Expansions(new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Hit> search(String text, Filter filter, int limit) {
        try {
            return search(text, filter, limit, true);
        } catch (IndexSearcher.TooManyClauses e) {
            // Fuzzy terms expand into as many clauses as the index has near words: a large index and a long text
            // can pass the limit even with the words bounded. The exact words alone stay far below it.
            return search(text, filter, limit, false);
        }
    }

    private List<Hit> search(String text, Filter filter, int limit, boolean variants) {
        // The query and the search on one reader: a fuzzy term's expansion holds that reader's term states.
        Expansions expanded = expansions;
        IndexSearcher current = expanded.searcher;
        Query query = variants ? query(text, expanded) : exact(text);
        if (query == null) {
            return List.of();
        }
        BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        // Between an article and its translation, both matching, the one in the language typed comes first.
        filtered.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("language",
                typedIn(text)))), SAME_LANGUAGE_BOOST), BooleanClause.Occur.SHOULD);
        if (filter.language() != null) {
            filtered.add(new TermQuery(new Term("language", filter.language())), BooleanClause.Occur.FILTER);
        }
        if (filter.audience() != null) {
            filtered.add(new TermQuery(new Term("audience", filter.audience())), BooleanClause.Occur.FILTER);
        }
        if (filter.product() != null) {
            filtered.add(new TermQuery(new Term("product", filter.product())), BooleanClause.Occur.FILTER);
        }
        if (filter.tier() != null) {
            filtered.add(new TermQuery(new Term("tier", filter.tier())), BooleanClause.Occur.FILTER);
        }
        try {
            // Feedback reorders what the words found: a few more than asked for are read so that the article below
            // one that falls can rise into the cut.
            boolean weighed = options.feedbackWeight() > 0 && !rejections.isEmpty();
            TopDocs top = current.search(filtered.build(), weighed ? Math.max(limit * 3, 30) : limit);
            Set<String> asked = weighed ? stemsOf(text) : Set.of();
            List<Document> docs = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Document doc = current.storedFields().document(sd.doc);
                docs.add(doc);
                // Only a query like the ticket (half its words or more in common) is moved: one shared word such as
                // "printer" says nothing of whether the article answers it.
                double similarity = weighed ? rejections.getOrDefault(UUID.fromString(doc.get(ID)), List.of())
                        .stream().mapToDouble(r -> jaccard(asked, r)).filter(j -> j >= LIKE_THE_TICKET).max()
                        .orElse(0) : 0;
                scores.add((float) (sd.score * Math.max(0.05, 1 - options.feedbackWeight() * similarity)));
            }
            List<Integer> order = new ArrayList<>(IntStream.range(0, docs.size()).boxed().toList());
            order.sort((a, b) -> Float.compare(scores.get(b), scores.get(a)));
            Set<String> wanted = stems(text);
            List<Hit> hits = new ArrayList<>();
            for (int i : order.subList(0, Math.min(limit, order.size()))) {
                Document doc = docs.get(i);
                hits.add(new Hit(UUID.fromString(doc.get(ID)), doc.get("title"), doc.get("language"),
                        doc.get("audience"), scores.get(i), snippet(doc.get("body"), wanted)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The query as typed, and — weaker — its fuzzy and other-layout variants and the words its slang stands for;
     * null when it has no words.
     */
    private Query query(String text, Expansions expanded) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = words(any, text, 1f, expanded);
        String converted = options.layout() ? KeyboardLayout.convert(text) : text;
        // Only when the other layout reads as words the index knows: a query typed right would otherwise add as
        // many clauses of gibberish (and their fuzzy automata) again.
        if (!converted.equals(text) && known(converted) > 0) {
            clauses += words(any, converted, LAYOUT_BOOST, expanded);
        }
        if (options.vocabulary()) {
            String meant = VOCABULARY.expand(text + " " + (converted.equals(text) ? "" : converted));
            if (!meant.isEmpty()) {
                clauses += words(any, meant, VOCABULARY_BOOST, expanded);
            }
        }
        return clauses == 0 ? null : any.build();
    }

    /**
     * How many distinct words a query has, as the busier of the two languages' analysers counts them (a run of CJK
     * characters is one word per character).
     */
    public int distinctTerms(String text) {
        return Math.max(terms(russian, text).size(), terms(english, text).size());
    }

    /**
     * The words of a text that say most about it, at most {@link #MAX_TERMS}: those the index knows, rarest first,
     * then those it does not know (a typo may still match fuzzily), in the order written. Every search is bounded
     * so: a ticket's body may be long, and clauses per word times words must stay under Lucene's clause limit.
     */
    private List<String> informative(String lang, Set<String> terms) {
        if (terms.size() <= MAX_TERMS) {
            return List.copyOf(terms);
        }
        IndexReader reader = expansions.searcher.getIndexReader();
        Map<String, Integer> frequency = new HashMap<>();
        try {
            for (String term : terms) {
                frequency.put(term, reader.docFreq(new Term("text_" + lang, term))
                        + reader.docFreq(new Term("title_" + lang, term)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms.stream().sorted(Comparator.comparing((String t) -> frequency.get(t) == 0)
                .thenComparing(frequency::get)).limit(MAX_TERMS).toList();
    }

    /** The text's own words only: no fuzzy, layout or slang variants. */
    private Query exact(String text) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        return words(any, text, 1f, null) == 0 ? null : any.build();
    }

    /**
     * Each analysed word of the text, in both languages' fields, as a should-clause of the query; with its fuzzy
     * variants when {@code expanded} is given and the options ask for them.
     */
    private int words(BooleanQuery.Builder query, String text, float boost, Expansions expanded) {
        boolean fuzzy = expanded != null && options.fuzzy();
        int added = 0;
        for (String lang : List.of("ru", "en")) {
            for (String term : informative(lang, terms(lang.equals("ru") ? russian : english, text))) {
                for (String field : List.of("title_" + lang, "text_" + lang)) {
                    float weight = boost * (field.startsWith("title") ? TITLE_BOOST : 1f);
                    query.add(new BoostQuery(new TermQuery(new Term(field, term)), weight), BooleanClause.Occur.SHOULD);
                    added++;
                }
                if (options.ticketWeight() > 0) {
                    query.add(new BoostQuery(new TermQuery(new Term("tickets_" + lang, term)),
                            boost * options.ticketWeight()), BooleanClause.Occur.SHOULD);
                }
                // A fuzzy term costs an automaton built per term and field, most of a search's time: one field per
                // language holds title and text for it, and a Cyrillic word is not looked for among English ones.
                if (fuzzy && term.length() >= 4 && (lang.equals("ru") || !cyrillic(term))) {
                    query.add(new BoostQuery(expanded.of(new FuzzyQuery(new Term("fuzzy_" + lang, term),
                            term.length() >= 7 ? 2 : 1, 1)), boost * FUZZY_BOOST), BooleanClause.Occur.SHOULD);
                }
            }
        }
        return added;
    }

    /** How many fuzzy terms a search took already expanded, and how many it had to expand. */
    public long expansionsReused() {
        return reused.sum();
    }

    public long expansionsMade() {
        return made.sum();
    }

    /**
     * One reader's searcher, and the fuzzy terms already rewritten against that reader: building a term's Levenshtein automaton and walking the
     * index's words with it was most of a search's CPU, and a help desk's tickets repeat their words. Dropped with
     * the reader at each refresh (an expansion holds the reader's term states); the least recently used go first.
     */
    private final class Expansions {
        final IndexSearcher searcher;
        private final Map<FuzzyQuery, Query> rewritten = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FuzzyQuery, Query> eldest) {
                return size() > EXPANSIONS;
            }
        };

        Expansions(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        Query of(FuzzyQuery fuzzy) {
            Query known;
            synchronized (rewritten) {
                known = rewritten.get(fuzzy);
            }
            if (known != null) {
                reused.increment();
                return known;
            }
            try {
                Query expansion = fuzzy.rewrite(searcher);
                synchronized (rewritten) {
                    rewritten.put(fuzzy, expansion);
                }
                made.increment();
                return expansion;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean cyrillic(String term) {
        return term.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
    }

    private static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static final Analyzer RUSSIAN_STEMS = analyzer(RussianAnalyzer.getDefaultStopSet(), true, true);
    private static final Analyzer ENGLISH_STEMS = analyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false, true);

    /** The stems of a text and of what its support slang stands for, in both languages: what tickets compare by. */
    public static Set<String> meaning(String text) {
        String all = text + " " + VOCABULARY.expand(text);
        Set<String> stems = new HashSet<>(terms(RUSSIAN_STEMS, all));
        stems.addAll(terms(ENGLISH_STEMS, all));
        return stems;
    }

    /** The stems of a text in both languages. */
    private Set<String> stemsOf(String text) {
        Set<String> stems = new HashSet<>(terms(russian, text));
        stems.addAll(terms(english, text));
        return stems;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    /**
     * The language the customer meant: that of the letters typed, unless the text read in the other keyboard layout
     * has more words the index knows ({@code ghbynth} is Russian).
     */
    private String typedIn(String text) {
        if (!options.layout()) {
            return script(text);
        }
        String converted = KeyboardLayout.convert(text);
        return known(converted) > known(text) ? script(converted) : script(text);
    }

    /** How many of the text's words occur in the index, in the fields of the language of its letters. */
    private int known(String text) {
        String lang = script(text);
        int known = 0;
        IndexReader reader = expansions.searcher.getIndexReader();
        try {
            for (String term : terms(lang.equals("ru") ? russian : english, text)) {
                if (reader.docFreq(new Term("text_" + lang, term)) > 0
                        || reader.docFreq(new Term("title_" + lang, term)) > 0) {
                    known++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return known;
    }

    /** The stems a query stands for: as typed, in the other layout, and the words its slang means, both languages. */
    private Set<String> stems(String text) {
        String converted = options.layout() ? KeyboardLayout.convert(text) : "";
        String all = text + " " + converted + " " + (options.vocabulary() ? VOCABULARY.expand(text + " " + converted)
                : "");
        return stemsOf(all);
    }

    static final int SNIPPET_LENGTH = 200;

    /** The sentence with the most of the query's words, cut to about 200 characters, those words marked. */
    String snippet(String body, Set<String> wanted) {
        String best = "";
        int bestCount = -1;
        for (String sentence : body.split("(?<=[.!?])\\s+|\\n+")) {
            int count = 0;
            for (String word : sentence.split("[^\\p{L}\\p{N}]+")) {
                count += marks(word, wanted) ? 1 : 0;
            }
            if (count > bestCount && !sentence.isBlank()) {
                best = sentence.strip();
                bestCount = count;
            }
        }
        if (best.length() > SNIPPET_LENGTH) {
            int cut = best.lastIndexOf(' ', SNIPPET_LENGTH);
            best = best.substring(0, cut > 0 ? cut : SNIPPET_LENGTH) + "…";
        }
        StringBuilder out = new StringBuilder();
        Matcher words = Pattern.compile("[\\p{L}\\p{N}]+").matcher(best);
        int at = 0;
        while (words.find()) {
            out.append(escape(best.substring(at, words.start())));
            String word = words.group();
            out.append(marks(word, wanted) ? "<mark>" + escape(word) + "</mark>" : escape(word));
            at = words.end();
        }
        return out.append(escape(best.substring(at))).toString();
    }

    private boolean marks(String word, Set<String> wanted) {
        return !word.isEmpty() && (terms(russian, word).stream().anyMatch(wanted::contains)
                || terms(english, word).stream().anyMatch(wanted::contains));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code ru} when most letters are Cyrillic, else (no letters too) {@code en}. */
    public static String script(String text) {
        return Language.byLetters(text) == Language.RU
                ? "ru" : "en";
    }

    private static void addText(Document doc, String language, String title, String text) {
        String lang = "ru".equals(language) ? "ru" : "en";
        doc.add(new TextField("title_" + lang, title, Field.Store.NO));
        doc.add(new TextField("text_" + lang, text, Field.Store.NO));
        doc.add(new TextField("fuzzy_" + lang, title + "\n" + text, Field.Store.NO));
    }

    /** Lower case, {@code ё} as {@code е}, stop words out, stems (Snowball Russian or Porter English). */
    private static Analyzer analyzer(CharArraySet stopWords, boolean russian, boolean stemming) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(source);
                stream = new YoAsYeFilter(stream);
                stream = new StopFilter(stream, stopWords);
                if (stemming) {
                    stream = russian ? new SnowballFilter(stream, new RussianStemmer()) : new PorterStemFilter(stream);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
