package io.tierdesk.knowledge.search;

import io.tierdesk.testsupport.TierdeskInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The other candidate, measured beside Lucene: PostgreSQL's full-text search (the {@code russian} and
 * {@code english} configurations, any word of the query, {@code ts_rank_cd}) and, optionally, {@code pg_trgm}
 * similarity for typos. A temporary table on the test database; nothing is left behind.
 */
final class PostgresSearch implements AutoCloseable {
    private final Connection connection;
    private final boolean trigrams;

    PostgresSearch(EvaluationSet set, boolean trigrams, int copies) throws SQLException {
        this.trigrams = trigrams;
        this.connection = TierdeskInfra.connect("tierdesk_test");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            s.execute("""
                    CREATE TEMPORARY TABLE kb (id UUID, title TEXT, body TEXT, doc TSVECTOR)""");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO kb VALUES (?, ?, ?, setweight(to_tsvector('russian', ?), 'A')
                    || setweight(to_tsvector('english', ?), 'A') || to_tsvector('russian', ?)
                    || to_tsvector('english', ?))""")) {
            List<ArticleIndex.Entry> entries = set.entries();
            for (int i = 0; i < Math.max(copies, entries.size()); i++) {
                ArticleIndex.Entry e = entries.get(i % entries.size());
                StringBuilder titles = new StringBuilder(e.title());
                StringBuilder texts = new StringBuilder(e.text());
                for (ArticleIndex.Translation t : e.translations()) {
                    titles.append(' ').append(t.title());
                    texts.append(' ').append(t.text());
                }
                String title = titles.toString().replace('ё', 'е');
                String body = (texts + (i < entries.size() ? "" : " модель" + i)).replace('ё', 'е');
                insert.setObject(1, i < entries.size() ? e.articleId() : UUID.randomUUID());
                insert.setString(2, title);
                insert.setString(3, body);
                insert.setString(4, title);
                insert.setString(5, title);
                insert.setString(6, body);
                insert.setString(7, body);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE INDEX ON kb USING gin (doc)");
            if (trigrams) {
                s.execute("CREATE INDEX ON kb USING gin (title gin_trgm_ops)");
            }
            s.execute("ANALYZE kb");
        }
    }

    /** Any word of the query in either language's stems, ranked; with trigrams, titles similar to the query too. */
    List<UUID> search(String text, int limit) throws SQLException {
        String q = text.replace('ё', 'е');
        String sql = """
                WITH q AS (SELECT CAST(NULLIF(replace(CAST(plainto_tsquery('russian', ?) AS text), '&', '|'), '')
                                      AS tsquery) AS ru,
                                  CAST(NULLIF(replace(CAST(plainto_tsquery('english', ?) AS text), '&', '|'), '')
                                      AS tsquery) AS en)
                SELECT id, ts_rank_cd(doc, coalesce(q.ru, q.en) || coalesce(q.en, q.ru))"""
                + (trigrams ? " + word_similarity(?, title)" : "") + """
                 AS score FROM kb, q
                WHERE doc @@ coalesce(q.ru, q.en) OR doc @@ coalesce(q.en, q.ru)"""
                + (trigrams ? " OR ? <% title" : "") + "\nORDER BY score DESC LIMIT ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int p = 1;
            query.setString(p++, q);
            query.setString(p++, q);
            if (trigrams) {
                query.setString(p++, q);
                query.setString(p++, q);
            }
            query.setInt(p, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
