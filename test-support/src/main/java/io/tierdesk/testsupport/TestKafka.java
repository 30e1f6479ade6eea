package io.tierdesk.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes the real broker the way an outside party would, for assertions and for feeding topics. */
public final class TestKafka {
    private TestKafka() {
    }

    /** Sends one raw record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, Map<String, byte[]> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach(record.headers()::add);
        sendAll(List.of(record));
    }

    /** Sends through one producer and flushes once, so records for one partition travel in one produce request. */
    public static void sendAll(List<ProducerRecord<String, byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TierdeskInfra.KAFKA);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            for (Future<?> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + records.size() + " records", e);
        }
    }

    /** The offset a consumer group has committed for one partition, or -1 when it has committed none. */
    public static long committedOffset(String groupId, String topic, int partition) {
        Properties props = new Properties();
        props.put("bootstrap.servers", TierdeskInfra.KAFKA);
        try (Admin admin = Admin.create(props)) {
            var offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var committed = offsets.get(new TopicPartition(topic, partition));
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + groupId, e);
        }
    }

    /**
     * Waits until the consumer group has committed every partition of the topic up to its end: whatever the group will
     * be handed again after a crash has been handled, so nothing more is coming (the commit may lag the processing by
     * the consumer's commit interval).
     */
    public static void awaitConsumed(String groupId, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", TierdeskInfra.KAFKA);
        try (Admin admin = Admin.create(props)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                                .get(topic).partitions();
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                                OffsetSpec.latest()));
                        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                        var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
                        return ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue().offset());
                    });
        }
    }

    /**
     * Every record of a topic from the beginning that matches, read until {@code enough} holds for them or the
     * timeout passes (then whatever was read).
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            Predicate<List<ConsumerRecord<String, byte[]>>> enough, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TierdeskInfra.KAFKA);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                }
                if (enough.test(found)) {
                    break;
                }
            }
        }
        return found;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return header(record.headers(), name);
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The partition Kafka's default partitioner picks for a key, for tests that need two keys side by side. */
    public static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
