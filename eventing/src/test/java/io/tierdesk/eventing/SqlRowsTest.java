package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Absent values and JSON through native statements, against the real database. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SqlRowsTest {
    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void absentValuesOfEachTypeAreStoredAsNullAndPresentOnesAsThemselves() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-04T10:15:30Z");
        String insert = "INSERT INTO typed VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        List<SqlRows.Row> rows = sessions.withTransaction(session -> SqlRows.execute(session,
                        "CREATE TEMP TABLE typed (k integer, t text, n bigint, i integer, u uuid, at timestamptz, "
                                + "b boolean) ON COMMIT DROP")
                .chain(() -> SqlRows.execute(session, insert, 1, SqlRows.nullable(null, String.class),
                        SqlRows.nullable(null, Long.class), SqlRows.nullable(null, Integer.class),
                        SqlRows.nullable(null, UUID.class), SqlRows.nullable(null, Instant.class),
                        SqlRows.nullable(null, Boolean.class)))
                .chain(() -> SqlRows.execute(session, insert, 2, SqlRows.nullable("L2", String.class),
                        SqlRows.nullable(7L, Long.class), SqlRows.nullable(3, Integer.class),
                        SqlRows.nullable(id, UUID.class), SqlRows.nullable(at, Instant.class),
                        SqlRows.nullable(true, Boolean.class)))
                .chain(() -> SqlRows.select(session, "SELECT t, n, i, u, at, b, num_nulls(t, n, i, u, at, b) AS nulls "
                        + "FROM typed ORDER BY k")))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(rows.get(0).number("nulls")).isEqualTo(6);
        SqlRows.Row present = rows.get(1);
        assertThat(present.number("nulls")).isZero();
        assertThat(present.text("t")).isEqualTo("L2");
        assertThat(present.number("n")).isEqualTo(7);
        assertThat(present.number("i")).isEqualTo(3);
        assertThat(present.uuid("u")).isEqualTo(id);
        assertThat(present.instant("at")).isEqualTo(at);
        assertThat(present.bool("b")).isTrue();
    }

    @Test
    void aValueWrittenAsJsonIsReadBackEqualAndAnAbsentOneStaysAbsent() {
        CustomerRef customer = new CustomerRef("c-42", "Мария Петрова", "maria@example.org", "+7 900 000-00-00",
                "ru");
        SqlRows.Row row = sessions.withSession(session -> SqlRows.first(session,
                        "SELECT CAST(CAST(CAST(?1 AS text) AS jsonb) AS text) AS customer, CAST(NULL AS text) AS none",
                        SqlRows.json(customer)))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(row.json("customer", CustomerRef.class)).isEqualTo(customer);
        assertThat(row.json("none", CustomerRef.class)).isNull();
    }
}
