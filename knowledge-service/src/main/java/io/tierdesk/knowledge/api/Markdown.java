package io.tierdesk.knowledge.api;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Article text (CommonMark) as HTML a reader can show: raw HTML in the text is escaped by the renderer, and what it
 * produces is cleaned to a safe list of tags and protocols, so neither a script nor a {@code javascript:} link
 * reaches a reader.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img");

    private Markdown() {
    }

    static String html(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return null;
        }
        return Jsoup.clean(RENDERER.render(PARSER.parse(markdown)), SAFE).strip();
    }
}
