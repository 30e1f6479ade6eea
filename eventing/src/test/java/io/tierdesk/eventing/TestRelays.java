package io.tierdesk.eventing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tierdesk.eventing.config.EventingConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayObserver;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.testsupport.TierdeskInfra;
import io.vertx.mutiny.sqlclient.Pool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Extra relays on the application's database, built exactly as the service builds its own. */
final class TestRelays {
    private TestRelays() {
    }

    static Producer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(RelayService.producerProperties(TierdeskInfra.KAFKA, clientId));
    }

    static Relay relay(Pool pool, Producer<String, byte[]> producer, RelayService service, RelayObserver observer) {
        return new Relay(pool, producer, service.settings(), observer, new SimpleMeterRegistry());
    }

    /**
     * A second relay on the application's database, with a checkpoint of its own and a broker that cannot be reached
     * (a closed port): what a relay looks like while its broker is away. Closing it removes its checkpoint.
     */
    static final class Stranded implements AutoCloseable {
        final String name;
        final Relay relay;
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        private final Producer<String, byte[]> producer;
        private final String database;

        /**
         * @param sendTimeout how long a batch may wait for the broker
         * @param maxBlock    how long one send may wait for the broker's metadata
         */
        Stranded(Pool pool, EventingConfig eventing, String database, Duration sendTimeout, Duration maxBlock)
                throws SQLException {
            this.name = "stranded-" + UUID.randomUUID().toString().substring(0, 8);
            this.database = database;
            Properties props = RelayService.producerProperties("127.0.0.1:1", name);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
            this.producer = new KafkaProducer<>(props);
            try (Connection connection = TierdeskInfra.connect(database);
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO relay_checkpoint (name) VALUES (?)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            this.relay = new Relay(pool, producer, new Relay.Settings(name, "/eventing-sample", 10, sendTimeout,
                    eventing::topic), RelayObserver.NONE, registry);
        }

        @Override
        public void close() throws SQLException {
            producer.close(Duration.ZERO);
            try (Connection connection = TierdeskInfra.connect(database);
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM relay_checkpoint WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
        }
    }
}
