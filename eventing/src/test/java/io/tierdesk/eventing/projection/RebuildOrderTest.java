package io.tierdesk.eventing.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.TopicReader.Read;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a rebuild hands the events it took, in the broker's order across topics, to each topic's handler. */
class RebuildOrderTest {
    /**
     * Two topics whose events alternate make a run of one event per handler call: twenty thousand of them must not
     * be one nested chain (the full chaos run's rebuild of 38,000 journal entries stopped there, its transaction
     * left idle).
     */
    @Test
    void eventsAlternatingBetweenTopicsReachTheirHandlersInOrderHoweverManyRunsTheyMake() {
        List<String> seen = new ArrayList<>();
        Source<String> tickets = new Source<>("tickets", "c", String.class, (session, events) -> {
            events.forEach(d -> seen.add(d.event()));
            return Uni.createFrom().voidItem();
        });
        Source<String> routing = new Source<>("routing", "c", String.class, (session, events) -> {
            events.forEach(d -> seen.add(d.event()));
            return Uni.createFrom().voidItem();
        });
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Source<String> source = i % 2 == 0 ? tickets : routing;
            reads.add(new Read(new TopicPartition(source.channel(), 0), i, Instant.EPOCH.plusMillis(i),
                    new Delivered<>(null, source.channel() + i), source));
        }

        ProjectionRebuilder.apply(null, reads).await().indefinitely();

        assertThat(seen).hasSize(20_000);
        assertThat(seen.get(0)).isEqualTo("tickets0");
        assertThat(seen.get(19_999)).isEqualTo("routing19999");
    }
}
