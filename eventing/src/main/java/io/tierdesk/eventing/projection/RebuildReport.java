package io.tierdesk.eventing.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rebuild's outcome: how many events it applied, and per table the rows of the live projection the rebuilt one
 * lacks ({@code missing}) and the rows only the rebuilt one has ({@code extra}), with a few of each.
 *
 * @param skipped events on the topics the live consumer never applied (dead-lettered by its handler)
 * @param unreadable records that are not events of their topic (dead-lettered by the live consumer too)
 * @param transactions the rebuild's transactions, each over a stretch of the topics (the last one compares)
 */
public record RebuildReport(String projection, boolean equal, long events, long skipped, long unreadable,
        long transactions, long millis, List<TableDifference> tables) {

    public record TableDifference(String table, long live, long rebuilt, long missing, long extra,
            List<JsonNode> missingRows, List<JsonNode> extraRows) {
        public boolean equal() {
            return missing == 0 && extra == 0;
        }
    }
}
