import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds sla-monitor whole ticket lives over the broker, as intake and the router would publish them: per ticket an
 * opening (warranty, on the office calendar), routing's triage, an agent's reply, the resolution and the closure.
 * Arguments: bootstrap servers, topic prefix, tickets, and optionally {@code openings}: premium openings alone, nothing
 * after them. Run with the broker's client jars on the class path.
 */
public class SlaLoad {
    private static final Pattern QUERY = Pattern.compile("\"query\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws Exception {
        String prefix = args[1];
        int tickets = Integer.parseInt(args[2]);
        boolean openingsOnly = args.length > 3 && args[3].equals("openings");
        // -Dsubjects=<JSON lines with "query">: each opening's subject and body one of them in turn (as the file has
        // them, JSON-escaped), so that a consumer searching on openings searches real customers' words.
        List<String> subjects = System.getProperty("subjects") == null ? List.of("Printer")
                : Files.readAllLines(Path.of(System.getProperty("subjects"))).stream()
                        .map(l -> QUERY.matcher(l)).filter(Matcher::find).map(m -> m.group(1)).toList();
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("linger.ms", "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < tickets; i++) {
                String id = UUID.randomUUID().toString();
                Instant t = Instant.now();
                send(producer, prefix + "tierdesk.tickets", "/ticket-intake", "tierdesk.ticket.opened.v1", id, """
                        {"ticketId":"%s","number":"TD-B%06d","channel":"email","customer":{"externalId":"c-%d",\
                        "email":"c-%<d@bench.local","language":"en"},"plan":"%s","subject":"%s","body":"%s","attachments":[],\
                        "openedAt":"%s"}""".formatted(id, i, i % 500, openingsOnly ? "premium" : "warranty",
                        subjects.get(i % subjects.size()), subjects.size() == 1 ? "Jams" : subjects.get(i % subjects.size()),
                        t));
                if (openingsOnly) {
                    continue;
                }
                send(producer, prefix + "tierdesk.routing", "/escalation-router", "tierdesk.routing.triaged.v1", id, """
                        {"ticketId":"%s","impact":"medium","urgency":"high","priority":"P2","category":"printers",\
                        "skill":"printers","tier":"L1","triagedBy":"policy","triagedAt":"%s"}""".formatted(id, t));
                send(producer, prefix + "tierdesk.tickets", "/ticket-intake", "tierdesk.ticket.agent-replied.v1", id, """
                        {"ticketId":"%s","agentId":"anna","body":"Try the other tray","repliedAt":"%s"}"""
                        .formatted(id, t.plusSeconds(60)));
                send(producer, prefix + "tierdesk.tickets", "/ticket-intake", "tierdesk.ticket.resolved.v1", id, """
                        {"ticketId":"%s","agentId":"anna","solutionSummary":"Tray 2","resolvedAt":"%s"}"""
                        .formatted(id, t.plusSeconds(120)));
                send(producer, prefix + "tierdesk.tickets", "/ticket-intake", "tierdesk.ticket.closed.v1", id, """
                        {"ticketId":"%s","reason":"confirmed","closedBy":"customer","closedAt":"%s"}"""
                        .formatted(id, t.plusSeconds(180)));
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String source, String type,
            String key, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes(source)).add("ce_type", bytes(type)).add("ce_subject", bytes(key))
                .add("ce_time", bytes(Instant.now().toString())).add("content-type", bytes("application/json"));
        producer.send(record);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
