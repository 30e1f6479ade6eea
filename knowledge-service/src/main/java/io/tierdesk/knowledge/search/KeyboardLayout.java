package io.tierdesk.knowledge.search;

import java.util.Locale;

/**
 * A query typed with the wrong keyboard layout, read as meant: {@code ghbynth} was {@code принтер} on the Russian
 * layout, and {@code згкз} was {@code pups} on the English one. Each letter is swapped for the one on the same key
 * of the other layout; what is on neither stays.
 */
final class KeyboardLayout {
    private static final String LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
    private static final String CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё";

    private KeyboardLayout() {
    }

    static String convert(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            int latin = LATIN.indexOf(c);
            int cyrillic = CYRILLIC.indexOf(c);
            out.append(latin >= 0 ? CYRILLIC.charAt(latin) : cyrillic >= 0 ? LATIN.charAt(cyrillic) : c);
        }
        return out.toString();
    }
}
