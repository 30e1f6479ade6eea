package io.tierdesk.eventing.projection;

import io.tierdesk.eventing.inbox.PollHandler;
import java.util.List;

/**
 * A projection a service keeps from topics through the inbox, declared (a {@code @Produces @Singleton} method) so
 * that it can be built again from the topics beside the live one and compared with it ({@link ProjectionRebuilder}):
 * its name (operators use it: {@code POST /api/v1/projections/{name}/rebuilds}), the tables it owns (each compared
 * row by row) and what it consumes. The handlers are the ones the live consumer runs (or the projection's part of
 * them, where a consumer also decides): a rebuild that ran other code would prove nothing.
 */
public record RebuildableProjection(String name, List<Table> tables, List<Source<?>> sources) {
    /**
     * A table of the projection. {@code ignored} names the columns that record how the live one arrived rather
     * than what the events say (an arrival counter), left out of the comparison; {@code rows}, when not null, is the
     * condition of the rows the projection writes where the table also holds rows written otherwise.
     */
    public record Table(String name, List<String> ignored, String rows) {
        public static Table of(String name, String... ignored) {
            return new Table(name, List.of(ignored), null);
        }

        public Table where(String condition) {
            return new Table(name, ignored, condition);
        }
    }

    /**
     * A messaging channel (whose topic is configured), the inbox consumer whose receipts say which of its events the
     * live projection has applied, and the handler that applies them.
     */
    public record Source<T>(String channel, String consumer, Class<T> streamType, PollHandler<T> handler) {
    }
}
