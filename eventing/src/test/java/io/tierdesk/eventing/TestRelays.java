package io.tierdesk.eventing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayObserver;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.eventing.testing.TierdeskInfra;
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
}
