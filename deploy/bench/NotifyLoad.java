import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds notification-service ticket openings over the broker, as intake publishes them, and answers its webhook
 * deliveries: every other opening comes by e-mail (a receipt mail), the rest by chat (a receipt to the webhook on
 * {@code port}). Arguments: bootstrap servers, topic prefix, webhook port, openings, rate per second (0: all at
 * once), seconds to keep answering after the last. Prints how many webhook requests it answered.
 */
public class NotifyLoad {
    public static void main(String[] args) throws Exception {
        String prefix = args[1];
        int port = Integer.parseInt(args[2]);
        int openings = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int linger = Integer.parseInt(args[5]);
        AtomicLong answered = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            answered.incrementAndGet();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("linger.ms", "5");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < openings; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                String id = UUID.randomUUID().toString();
                boolean mail = i % 2 == 0;
                String data = """
                        {"ticketId":"%s","number":"TD-%06d","channel":"%s","customer":{"externalId":"c-%d",\
                        "name":"Bench","email":%s,"language":"ru"},"plan":"warranty","subject":"Принтер не печатает",\
                        "body":"С утра","attachments":[],"openedAt":"%s"}""".formatted(id, 500000 + i,
                        mail ? "email" : "chat", i, mail ? "\"c" + i + "@bench.local\"" : "null", Instant.now());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + "tierdesk.tickets", id,
                        data.getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                        .add("ce_source", bytes("/ticket-intake")).add("ce_type", bytes("tierdesk.ticket.opened.v1"))
                        .add("ce_subject", bytes(id)).add("ce_time", bytes(Instant.now().toString()))
                        .add("content-type", bytes("application/json"));
                producer.send(record);
            }
        }
        Thread.sleep(linger * 1000L);
        receiver.stop(0);
        System.out.println("webhook.answered=" + answered.get());
        System.exit(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
