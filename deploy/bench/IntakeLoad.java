import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for ticket-intake's channel API, printed as figures (nothing asserted). Single-file program, JDK only.
 * Arguments: base URL, bearer token, events for throughput, batch size, fixed rate, seconds at that rate, and
 * optionally the events for single mode (default: the same number).
 */
public class IntakeLoad {
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        int events = Integer.parseInt(args[2]);
        int batchSize = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int singleEvents = args.length > 6 ? Integer.parseInt(args[6]) : events;

        warmUp();
        // single mode, 8 requests in flight
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < singleEvents; i++) {
            inFlight.acquire();
            all.add(post("application/cloudevents+json", event(i)).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double single = singleEvents / ((System.nanoTime() - start) / 1e9);
        check(all, 201);
        System.out.printf("intake.single.events_per_s=%.0f (%d events, 8 in flight)%n", single, singleEvents);

        // batch mode, 2 batches in flight; the bodies are built before the clock starts, as pgbench reads its script
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < events / batchSize; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < batchSize; i++) {
                body.append(i == 0 ? "" : ",").append(event(singleEvents + b * batchSize + i));
            }
            bodies.add(body.append("]").toString());
        }
        start = System.nanoTime();
        Semaphore batches = new Semaphore(2);
        all.clear();
        for (String body : bodies) {
            batches.acquire();
            all.add(post("application/cloudevents-batch+json", body).whenComplete((r, e) -> batches.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double batch = (events / batchSize) * batchSize / ((System.nanoTime() - start) / 1e9);
        check(all, 200);
        // A batch answers 200 whatever became of its events: count the events it says were created.
        for (CompletableFuture<HttpResponse<String>> response : all) {
            int created = response.join().body().split("\"status\":201", -1).length - 1;
            if (created != batchSize) {
                throw new IllegalStateException("a batch created " + created + " of " + batchSize + " tickets: "
                        + response.join().body().substring(0, Math.min(500, response.join().body().length())));
            }
        }
        System.out.printf("intake.batch.events_per_s=%.0f (batches of %d, 2 in flight)%n", batch, batchSize);

        // The agents' view consumes the same events from Kafka, behind: how long until it has them all?
        long posted = 3000L + singleEvents + (long) (events / batchSize) * batchSize;
        long accepted = System.nanoTime();
        double consumed = 0;
        // Once a second: a scrape of /q/metrics costs the service tens of milliseconds of CPU on a slow machine.
        while (System.nanoTime() - accepted < 180_000_000_000L && (consumed = viewConsumed()) < posted) {
            Thread.sleep(1000);
        }
        System.out.printf("intake.view.caught_up_s=%.1f (%.0f of %d events in the view after the last batch was "
                + "accepted)%n", (System.nanoTime() - accepted) / 1e9, consumed, posted);

        // latency at a fixed rate
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        all.clear();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            // Parked, not spun: a spinning generator takes a core from what it measures.
            for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            next += interval;
            long sent = System.nanoTime();
            all.add(post("application/cloudevents+json", event(i))
                    .whenComplete((r, e) -> micros.add((System.nanoTime() - sent) / 1000)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        check(all, 201);
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("intake.latency.rate=%d events/s for %d s%n", rate, seconds);
        System.out.printf("intake.latency.p50.ms=%.2f%n", sorted.get(sorted.size() / 2) / 1000.0);
        System.out.printf("intake.latency.p99.ms=%.2f%n", sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0);
    }

    /** Events the view projection has consumed, from the service's Prometheus endpoint. */
    static double viewConsumed() throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^tierdesk_inbox_consumed_total\\{consumer=\"ticket-view\"[^}]*\\} ([0-9.eE+]+)$")
                .matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A freshly started service needs thousands of requests before the JIT has settled (seen: 2x slower). */
    static void warmUp() {
        List<CompletableFuture<HttpResponse<String>>> warm = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            warm.add(post("application/cloudevents+json", event(i)));
            if (warm.size() % 8 == 0) {
                CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();
            }
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();
    }

    static void check(List<CompletableFuture<HttpResponse<String>>> responses, int expected) {
        long wrong = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != expected).count();
        if (wrong > 0) {
            HttpResponse<String> first = responses.stream().map(CompletableFuture::join)
                    .filter(r -> r.statusCode() != expected).findFirst().get();
            throw new IllegalStateException(wrong + " answers were not " + expected + ", e.g. " + first.statusCode()
                    + " " + first.body());
        }
    }

    static CompletableFuture<HttpResponse<String>> post(String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channel-events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static String event(int i) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/adapters/bench-adapter/web-form\","
                + "\"type\":\"tierdesk.channel.message.received\",\"datacontenttype\":\"application/json\",\"data\":"
                + "{\"channel\":\"web\",\"customer\":{\"externalId\":\"bench-" + (i % 500) + "\",\"name\":\"Bench "
                + (i % 500) + "\",\"language\":\"en\"},\"subject\":\"Printer on floor 3 jams\",\"body\":\"The printer "
                + "jams on every second page since this morning; we replaced the paper.\",\"urgency\":\"medium\"}}";
    }
}
