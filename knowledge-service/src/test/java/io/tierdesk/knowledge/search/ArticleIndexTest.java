package io.tierdesk.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What search promises, in Russian and English, on a handful of articles. */
class ArticleIndexTest {
    static final UUID PRINTERS_RU = UUID.randomUUID();
    static final UUID PRINTERS_EN = UUID.randomUUID();
    static final UUID VPN_INTERNAL = UUID.randomUUID();
    static final UUID WIFI = UUID.randomUUID();

    final ArticleIndex index = new ArticleIndex(ArticleIndex.Options.ALL);

    ArticleIndexTest() {
        index.put(new ArticleIndex.Entry(PRINTERS_RU, "ru", "public", "L1", List.of("printers"),
                "Принтеры перестали печатать", "Задания висят в очереди. Перезапустите диспетчер печати.", List.of()));
        index.put(new ArticleIndex.Entry(PRINTERS_EN, "en", "public", "L1", List.of("printers"),
                "Printer does not print", "Jobs stay in the queue. Restart the print spooler.", List.of()));
        index.put(new ArticleIndex.Entry(VPN_INTERNAL, "ru", "internal", "L2", List.of("vpn"),
                "Сброс сессий шлюза VPN", "Зависшие сессии удаляются на шлюзе командой clear.", List.of()));
        index.put(new ArticleIndex.Entry(WIFI, "ru", "public", "L1", List.of("routers"),
                "Ещё раз о пароле Wi-Fi", "Пароль сети можно посмотреть в настройках роутера.",
                List.of(new ArticleIndex.Translation("en", "Wi-Fi password again",
                        "The network password is in the router settings."))));
        index.refresh();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private UUID first(String query, ArticleIndex.Filter filter) {
        List<ArticleIndex.Hit> hits = index.search(query, filter, 5);
        return hits.isEmpty() ? null : hits.get(0).articleId();
    }

    private UUID first(String query) {
        return first(query, ArticleIndex.Filter.NONE);
    }

    @Test
    void russianAndEnglishWordsMatchTheirOtherForms() {
        assertThat(first("принтер не печатает")).isEqualTo(PRINTERS_RU);
        assertThat(first("printing failed")).isEqualTo(PRINTERS_EN);
    }

    @Test
    void typosAndTheWrongKeyboardLayoutStillFind() {
        assertThat(first("прентеры печатоть")).isEqualTo(PRINTERS_RU);
        assertThat(first("ghbynth")).isEqualTo(PRINTERS_RU);
    }

    @Test
    void aTypoAskedAgainIsAnsweredFromItsExpansionUntilTheIndexChanges() {
        List<ArticleIndex.Hit> first = index.search("printre spooler scaner", ArticleIndex.Filter.NONE, 5);
        assertThat(first).extracting(ArticleIndex.Hit::articleId).startsWith(PRINTERS_EN);
        long made = index.expansionsMade();
        assertThat(made).isPositive();
        assertThat(index.search("printre spooler scaner", ArticleIndex.Filter.NONE, 5)).isEqualTo(first);
        assertThat(index.expansionsMade()).isEqualTo(made);
        assertThat(index.expansionsReused()).isEqualTo(made);

        // A new word near the typo arrives with an article: the expansion made before it must not hide it.
        UUID scanners = UUID.randomUUID();
        index.put(new ArticleIndex.Entry(scanners, "en", "public", "L1", List.of("scanners"),
                "Scanner feeder jams", "Clean the feeder rollers of the scanner.", List.of()));
        index.refresh();
        assertThat(first("scaner")).isEqualTo(scanners);
        assertThat(index.expansionsMade()).isGreaterThan(made);
    }

    @Test
    void yoAndYeAreOneLetter() {
        assertThat(first("еще раз пароль")).isEqualTo(WIFI);
        assertThat(first("ещё раз пароль")).isEqualTo(WIFI);
    }

    @Test
    void aQueryInOneLanguageFindsAnArticleThroughItsTranslation() {
        assertThat(first("router network password")).isEqualTo(WIFI);
    }

    @Test
    void filtersLimitWhatIsFoundAndARemovedArticleIsGone() {
        assertThat(first("сессии шлюза vpn", new ArticleIndex.Filter(null, "public", null, null))).isNull();
        assertThat(first("сессии шлюза vpn", new ArticleIndex.Filter(null, "internal", null, null)))
                .isEqualTo(VPN_INTERNAL);
        assertThat(first("printer", new ArticleIndex.Filter("ru", null, null, null))).isEqualTo(PRINTERS_RU);
        index.remove(PRINTERS_RU);
        index.refresh();
        assertThat(index.search("принтеры перестали печатать", new ArticleIndex.Filter("ru", null, null, null), 5))
                .isEmpty();
    }

    @Test
    void theSnippetIsTheBestMatchingSentenceWithItsWordsMarkedAndEscaped() {
        assertThat(index.search("перезапустить диспетчер", ArticleIndex.Filter.NONE, 1).get(0).snippet())
                .isEqualTo("<mark>Перезапустите</mark> <mark>диспетчер</mark> печати.");
        assertThat(index.snippet("Нажмите <Ctrl> & ждите.", java.util.Set.of("ждит")))
                .isEqualTo("Нажмите &lt;Ctrl&gt; &amp; <mark>ждите</mark>.");
    }

    @Test
    void aQueryWithoutWordsFindsNothing() {
        assertThat(index.search("  ?! ", ArticleIndex.Filter.NONE, 5)).isEmpty();
    }

    /** A regression guard on the evaluation set, well below what `./tierdesk bench search` prints today. */
    @Test
    void theEvaluationSetIsAnsweredWithinTheFirstFive() {
        SearchEvaluation.Scores scores = SearchEvaluation.score(EvaluationSet.load(), ArticleIndex.Options.ALL);
        assertThat(scores.queries()).isGreaterThanOrEqualTo(150);
        assertThat(scores.recallAt5()).isGreaterThan(0.85);
    }
}
