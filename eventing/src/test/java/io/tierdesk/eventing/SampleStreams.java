package io.tierdesk.eventing;

import io.tierdesk.events.EventJson;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.testsupport.TierdeskInfra;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Direct access to the sample application's database, for tests that must control transactions themselves. */
public final class SampleStreams {
    private SampleStreams() {
    }

    /** Inserts an event row exactly as the event store writes one, in the connection's current transaction. */
    public static UUID insertNote(Connection connection, UUID ticket, long version, String note) throws SQLException {
        UUID eventId = UUID.randomUUID();
        InternalNoteAdded event = note(ticket, note);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event (event_id, stream_id, "
                + "stream_type, version, type, topic, payload, occurred_at) VALUES (?, ?, 'ticket', ?, "
                + "'tierdesk.ticket.internal-note-added.v1', 'tierdesk.tickets', CAST(? AS jsonb), now())")) {
            insert.setObject(1, eventId);
            insert.setString(2, ticket.toString());
            insert.setLong(3, version);
            insert.setString(4, new String(EventJson.write(event), StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
        return eventId;
    }

    public static InternalNoteAdded note(UUID ticket, String note) {
        return new InternalNoteAdded(ticket, "tester", note, Instant.now());
    }

    static int counter(String database, UUID ticket) throws SQLException {
        return count(database, "sample_counter", ticket);
    }

    /** The count kept by the sample's batch consumer. */
    static int batchCounter(String database, UUID ticket) throws SQLException {
        return count(database, "sample_batch_counter", ticket);
    }

    private static int count(String database, String table, UUID ticket) throws SQLException {
        try (Connection connection = TierdeskInfra.connect(database);
             PreparedStatement query = connection.prepareStatement("SELECT events FROM " + table + " WHERE ticket_id = ?")) {
            query.setString(1, ticket.toString());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** A ticket id whose records land on the given partition of a 3-partition topic. */
    static UUID ticketOnPartition(int partition) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (io.tierdesk.testsupport.TestKafka.partitionOf(candidate.toString(), 3) == partition) {
                return candidate;
            }
        }
    }
}
