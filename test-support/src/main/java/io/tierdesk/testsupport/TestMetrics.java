package io.tierdesk.testsupport;

import static io.restassured.RestAssured.given;

import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the application's Prometheus endpoint the way a scraper does. */
public final class TestMetrics {
    private TestMetrics() {
    }

    /**
     * The sum of a counter or gauge over the series carrying every given tag ({@code "tier=L1"}); over all series when
     * none is given; 0 before it was first registered.
     */
    public static double sum(String name, String... tags) {
        return sum(given(), name, tags);
    }

    /** The same, read from the service at {@code baseUri} (a process of the system tests). */
    public static double sumAt(String baseUri, String name, String... tags) {
        return sum(given().baseUri(baseUri), name, tags);
    }

    private static double sum(io.restassured.specification.RequestSpecification request, String name, String... tags) {
        String body = request.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String tag : tags) {
                String[] kv = tag.split("=", 2);
                all &= labels.contains(kv[0] + "=\"" + kv[1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** Records a consumer has taken off its topic: applied, absorbed as duplicates or dead-lettered. */
    public static double handled(String consumer) {
        String tag = "consumer=" + consumer;
        return sum("tierdesk_inbox_consumed_total", tag) + sum("tierdesk_inbox_deduplicated_total", tag)
                + sum("tierdesk_inbox_dead_lettered_total", tag);
    }

    /**
     * Waits until the consumer has handled {@code count} records more than {@code before} (read with
     * {@link #handled} before sending them): "nothing more happened" is then checked on a consumer that has seen
     * everything sent, not after a sleep.
     */
    public static void awaitHandled(String consumer, double before, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> handled(consumer) >= before + count);
    }

    /** Runs of a periodic job (PeriodicJobs) that have ended, done or failed. */
    public static double runs(String job) {
        return sum("tierdesk_jobs_runs_total", "job=" + job);
    }

    /**
     * Waits until {@code rounds} more runs of the job have ended. Two rounds include one that started after this call:
     * whatever the job would do with what is there now, it has done.
     */
    public static void awaitRuns(String job, int rounds) {
        double before = runs(job);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runs(job) >= before + rounds);
    }

    /** The same for the job in each of several processes (their base URIs). */
    public static void awaitRunsAt(List<String> baseUris, String job, int rounds) {
        for (String uri : baseUris) {
            double before = sumAt(uri, "tierdesk_jobs_runs_total", "job=" + job);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> sumAt(uri, "tierdesk_jobs_runs_total", "job=" + job) >= before + rounds);
        }
    }
}
