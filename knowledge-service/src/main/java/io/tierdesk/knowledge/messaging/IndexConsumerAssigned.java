package io.tierdesk.knowledge.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.tierdesk.knowledge.projection.SearchIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Closes the moment between the index's rebuild and the topic consumer's first poll: once the consumer has fixed
 * where it reads from (the latest offset, asked for here so it is fixed now), the index reads again every article
 * changed since the rebuild began. Runs on the consumer's polling thread, which waits for it.
 */
@ApplicationScoped
@Identifier(IndexConsumerAssigned.NAME)
public class IndexConsumerAssigned implements KafkaConsumerRebalanceListener {
    static final String NAME = "knowledge-index-assigned";

    private final SearchIndex index;

    public IndexConsumerAssigned(SearchIndex index) {
        this.index = index;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(consumer::position);
        try {
            VertxContextSupport.subscribeAndAwait(index::catchUp);
        } catch (Throwable e) {
            throw new IllegalStateException("the search index could not catch up with the article events", e);
        }
    }
}
