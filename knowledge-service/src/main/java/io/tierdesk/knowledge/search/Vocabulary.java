package io.tierdesk.knowledge.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How customers name things and the words articles use for them ({@code search/vocabulary.tsv}): slang,
 * transliterations, abbreviations. A query word found on the left also searches for the words on the right.
 */
final class Vocabulary {
    private final Map<String, String> words;

    private Vocabulary(Map<String, String> words) {
        this.words = words;
    }

    static Vocabulary load() {
        Map<String, String> words = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Vocabulary.class.getClassLoader()
                .getResourceAsStream("search/vocabulary.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                words.put(normal(parts[0]), parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vocabulary(words);
    }

    /** The words the query's words stand for, or the empty string. */
    String expand(String query) {
        StringBuilder out = new StringBuilder();
        for (String word : normal(query).split("[^\\p{L}\\p{N}-]+")) {
            String meant = words.get(word);
            if (meant != null) {
                out.append(meant).append(' ');
            }
        }
        return out.toString().strip();
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
