package io.tierdesk.eventing.store;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.domain.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Settings people change through the API (routing rules, SLA calendars and policies, notification rules): every
 * change a new row at the next version, the highest in force, the older ones kept as the record of who changed what.
 * A table holds one setting, or one per key (a calendar's id, a plan); the body is JSON. Two writers who read the same
 * version: the second meets the primary key and gets a 409 naming {@code version}.
 *
 * @param <T> the body's type, written and read as JSON
 */
public final class VersionedSettings<T> {
    /** Where a setting lives: the table and its columns; {@code key} is null for a table of one setting. */
    public record Table(String name, String key, String body, String by, String at) {
    }

    /** One version of a setting ({@code key} null for a table of one setting). */
    public record Version<T>(String key, long version, T body) {
    }

    private final Table table;
    private final Class<T> type;
    private final String columns;

    private VersionedSettings(Table table, Class<T> type) {
        this.table = table;
        this.type = type;
        this.columns = (table.key() == null ? "CAST(NULL AS text)" : table.key()) + " AS setting_key, version, CAST("
                + table.body() + " AS text) AS body FROM " + table.name();
    }

    public static <T> VersionedSettings<T> of(Table table, Class<T> type) {
        return new VersionedSettings<>(table, type);
    }

    /** The version in force of the setting ({@code key} ignored for a table of one setting). */
    public Uni<Optional<Version<T>>> latest(Mutiny.Session session, String key) {
        return table.key() == null
                ? SqlRows.first(session, "SELECT " + columns + " ORDER BY version DESC LIMIT 1").map(this::version)
                : SqlRows.first(session, "SELECT " + columns + " WHERE " + table.key() + " = ?1 "
                        + "ORDER BY version DESC LIMIT 1", key).map(this::version);
    }

    /** One version, in force or not. */
    public Uni<Optional<Version<T>>> version(Mutiny.Session session, String key, long version) {
        return table.key() == null
                ? SqlRows.first(session, "SELECT " + columns + " WHERE version = ?1", version).map(this::version)
                : SqlRows.first(session, "SELECT " + columns + " WHERE " + table.key() + " = ?1 AND version = ?2",
                        key, version).map(this::version);
    }

    /** The version in force of every key, by key. */
    public Uni<List<Version<T>>> allLatest(Mutiny.Session session) {
        if (table.key() == null) {
            return latest(session, null).map(found -> found.stream().toList());
        }
        return SqlRows.select(session, "SELECT DISTINCT ON (" + table.key() + ") " + columns + " ORDER BY "
                        + table.key() + ", version DESC")
                .map(rows -> rows.stream().map(row -> read(row)).toList());
    }

    /**
     * Stores {@code body} as version {@code version} of the setting, which the caller decided on after reading the
     * one before; a writer who came first with the same version makes this a 409.
     */
    public Uni<Version<T>> save(Mutiny.Session session, String key, long version, T body, String by, Instant at) {
        String json = SqlRows.json(body);
        Uni<Integer> inserted = table.key() == null
                ? SqlRows.execute(session, "INSERT INTO " + table.name() + " (version, " + table.body() + ", "
                        + table.by() + ", " + table.at() + ") VALUES (?1, CAST(CAST(?2 AS text) AS jsonb), ?3, ?4)",
                        version, json, by, at)
                : SqlRows.execute(session, "INSERT INTO " + table.name() + " (" + table.key() + ", version, "
                        + table.body() + ", " + table.by() + ", " + table.at() + ") VALUES (?1, ?2, "
                        + "CAST(CAST(?3 AS text) AS jsonb), ?4, ?5)", key, version, json, by, at);
        String what = table.key() == null ? table.name() : table.name() + " " + key;
        return inserted.replaceWith(new Version<>(key, version, body))
                .onFailure(e -> PgErrors.isUniqueViolation(e, table.name() + "_pkey")).transform(e ->
                        Rejection.conflict("version", what + " was changed meanwhile (version " + version
                                + " exists); read it again"));
    }

    private Optional<Version<T>> version(SqlRows.Row row) {
        return Optional.ofNullable(row).map(this::read);
    }

    private Version<T> read(SqlRows.Row row) {
        return new Version<>(row.text("setting_key"), row.number("version"), row.json("body", type));
    }
}
