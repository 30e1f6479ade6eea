package io.tierdesk.eventing.projection;

import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.events.InvalidEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a projection's topics from their beginnings, without a consumer group (so the live consumers' offsets are
 * untouched), a stretch at a time: each read goes on to the ends as they are when it starts. Blocking; one caller at
 * a time.
 */
final class TopicReader implements AutoCloseable {
    /** A record of a partition, in the partition's order; {@code delivered} is null for one that is no event. */
    record Read(TopicPartition partition, long offset, Instant time, Delivered<?> delivered, Source<?> source) {
    }

    private static final Duration GIVE_UP = Duration.ofMinutes(2);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Source<?>> byTopic;
    private final List<TopicPartition> partitions = new ArrayList<>();

    TopicReader(String bootstrapServers, Map<String, Source<?>> byTopic, int stretch) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "projection-rebuild");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(2_000, stretch)));
        // Records are decoded as they are read: no need to fetch far ahead of the rebuild's transactions.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.byTopic = byTopic;
        try {
            for (String topic : byTopic.keySet()) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * The records from where the last read stopped on towards the ends of the partitions as they are now: all of them,
     * or at least {@code most} (a poll's worth more at the most) when there are more.
     */
    List<Read> read(int most) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Instant deadline = Instant.now().plus(GIVE_UP);
        List<Read> reads = new ArrayList<>();
        while (reads.size() < most
                && ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the topics could not be read to their ends within " + GIVE_UP);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                Source<?> source = byTopic.get(record.topic());
                Delivered<?> delivered;
                try {
                    delivered = Inbox.read(record.headers(), record.value(), source.streamType());
                } catch (InvalidEventException e) {
                    delivered = null;
                }
                reads.add(new Read(new TopicPartition(record.topic(), record.partition()), record.offset(),
                        Instant.ofEpochMilli(record.timestamp()), delivered, source));
            }
        }
        return reads;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
