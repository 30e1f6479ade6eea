import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the whole-platform benchmark, printed as figures (nothing asserted). Single-file program, JDK only.
 * New tickets go through ticket-intake's channel API from a number of clients, each waiting for its answer before
 * the next ticket; then the run waits until the platform has settled, and counts every process's CPU until then.
 *
 * <p>Settled: every service's relay has published every event it appended, and no database has written an event,
 * a consumer receipt ({@code processed_event}), a relay checkpoint or a delivered mail for a second and a half, and
 * no delivery of this run waits for its first attempt. The moment of settling is the latest such write (database time, this machine's clock);
 * CPU is read every 100 ms and the reading just after that moment counts. Cheap, indexed queries are polled; the
 * exact ones (whose scans would themselves cost PostgreSQL CPU) run only once the cheap ones have gone quiet, after
 * the reading that counts.
 *
 * <p>Usage: {@code PlatformLoad LABEL TICKETS CLIENTS}, {@code PlatformLoad idle SECONDS} (the whole platform's CPU
 * at rest) or {@code PlatformLoad pss} (memory per process). Environment: TIERDESK_BENCH_INTAKE (base URL),
 * TIERDESK_BENCH_TOKEN (channel token), TIERDESK_BENCH_DBS (the services' databases, each also its role's name),
 * PGHOST, PGPORT, PGPASSWORD, and TIERDESK_BENCH_PIDS ({@code name=pid,...}; {@code postgres} names the postmaster,
 * whose children, and the children it has reaped, count with it).
 */
public class PlatformLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final long HZ = 100; // USER_HZ on Linux
    static final String[] SUBJECTS = {
        // None is a subject of the demo data, whose checks look tickets up by subject.
        "Label printer in the warehouse feeds two labels at once", "Не печатает принтер после обновления драйвера",
        "VPN tunnel closes after the laptop sleeps", "Outlook не получает письма с утра", "Laptop does not wake from sleep",
        "Ошибка 0x80070005 при установке обновлений", "Cannot log in to the control panel after password reset",
        "Медленно работает 1С по сети"};

    public static void main(String[] args) throws Exception {
        if (args[0].equals("idle")) {
            idle(pids(), Integer.parseInt(args[1]));
            return;
        }
        if (args[0].equals("pss")) {
            pss(pids());
            return;
        }
        String label = args[0];
        int tickets = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        String intake = System.getenv("TIERDESK_BENCH_INTAKE");
        String token = System.getenv("TIERDESK_BENCH_TOKEN");
        Map<String, Long> pids = pids();
        List<Db> dbs = new ArrayList<>();
        for (String name : System.getenv("TIERDESK_BENCH_DBS").split(",")) {
            dbs.add(new Db(name));
        }
        String tag = Long.toString(System.currentTimeMillis(), 36);

        Map<String, Long> cpuBefore = cpu(pids);
        long runStart = System.currentTimeMillis() / 1000;
        long start = System.nanoTime();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < tickets; ) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = HTTP.send(post(intake, token, event(tag, i)),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 201) {
                            failures.add(answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                    micros.add((System.nanoTime() - sent) / 1000);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long answered = System.nanoTime();
        double lastAnswerEpoch = System.currentTimeMillis() / 1000.0;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " tickets were not created, e.g. " + failures.get(0));
        }

        // Wait for the platform to settle, reading CPU every 100 ms.
        List<double[]> readings = new ArrayList<>(); // [epoch seconds, index into snapshots]
        List<Map<String, Long>> snapshots = new ArrayList<>();
        String quietSince = null;
        long quietAt = 0;
        double settledEpoch;
        while (true) {
            snapshots.add(cpu(pids));
            readings.add(new double[] {System.currentTimeMillis() / 1000.0, snapshots.size() - 1});
            StringBuilder cheap = new StringBuilder();
            boolean waiting = false;
            for (Db db : dbs) {
                // The relay's order is (transaction, id), so its checkpoint need not hold the highest id: drained
                // means no event after the checkpoint in that order.
                // The next event through the relay's own index: a join of the checkpoint with the event table
                // read the whole table ten times a second, and its CPU counted as the platform's.
                String row = db.query("SELECT (SELECT coalesce(max(id), 0) FROM event) || ':' || "
                        + "(SELECT CASE WHEN EXISTS (SELECT 1 FROM relay_checkpoint c, LATERAL (SELECT 1 FROM event e "
                        + "WHERE (e.transaction_id, e.id) > (c.last_transaction_id, c.last_id) "
                        + "ORDER BY e.transaction_id, e.id LIMIT 1) next WHERE c.name = 'kafka') THEN 'relaying' "
                        + "ELSE 'drained' END)"
                        // Only this run's first attempts: a delivery of earlier work waiting to retry (a webhook
                        // that is down) is not this run's to wait for.
                        + (db.name.contains("notification")
                                ? " || ':' || (SELECT count(*) FROM delivery WHERE state IN ('pending', 'sending') "
                                        + "AND attempts = 0 AND created_at >= to_timestamp(" + runStart + "))"
                                : ""));
                String[] parts = row.split(":");
                waiting |= !parts[1].equals("drained") || (parts.length > 2 && !parts[2].equals("0"));
                cheap.append(row).append(' ');
            }
            String state = cheap.toString();
            if (waiting || !state.equals(quietSince)) {
                quietSince = state;
                quietAt = System.nanoTime();
            } else if (System.nanoTime() - quietAt > 1_500_000_000L) {
                settledEpoch = lastWrite(dbs);
                if (System.currentTimeMillis() / 1000.0 - settledEpoch > 1.5) {
                    break;
                }
                quietSince = null; // a consumer without events of its own is still at work
            }
            if (System.nanoTime() - answered > 300_000_000_000L) {
                throw new IllegalStateException("the platform did not settle within 300 s of the last answer");
            }
            Thread.sleep(100);
        }
        Map<String, Long> cpuAfter = snapshots.get(snapshots.size() - 1);
        for (double[] reading : readings) {
            if (reading[0] >= settledEpoch) {
                cpuAfter = snapshots.get((int) reading[1]);
                break;
            }
        }

        Collections.sort(micros);
        double seconds = (answered - start) / 1e9;
        String p = "platform." + label + ".";
        System.out.printf("%stickets=%d%n", p, tickets);
        System.out.printf("%sclients=%d%n", p, clients);
        System.out.printf("%stickets_per_s=%.1f%n", p, tickets / seconds);
        System.out.printf("%sp50_ms=%.1f%n", p, micros.get(micros.size() / 2) / 1000.0);
        System.out.printf("%sp99_ms=%.1f%n", p, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0);
        System.out.printf("%ssettled_s=%.2f%n", p, Math.max(0, settledEpoch - lastAnswerEpoch));
        double total = 0;
        for (String name : pids.keySet()) {
            double ms = (cpuAfter.get(name) - cpuBefore.get(name)) * 1000.0 / HZ / tickets;
            total += ms;
            System.out.printf("%scpu_ms_per_ticket.%s=%.1f%n", p, name, ms);
        }
        System.out.printf("%scpu_ms_per_ticket.total=%.1f%n", p, total);
        for (Db db : dbs) {
            db.close();
        }
    }

    static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : System.getenv("TIERDESK_BENCH_PIDS").split(",")) {
            String[] p = pair.split("=");
            pids.put(p[0], Long.parseLong(p[1]));
        }
        return pids;
    }

    /** The whole platform's CPU while nobody uses it, in per cent of one core. */
    static void idle(Map<String, Long> pids, int seconds) throws Exception {
        Map<String, Long> before = cpu(pids);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Map<String, Long> after = cpu(pids);
        double wall = (System.nanoTime() - start) / 1e9;
        double total = 0;
        for (String name : pids.keySet()) {
            double share = (after.get(name) - before.get(name)) * 100.0 / HZ / wall;
            total += share;
            System.out.printf("platform.idle.cpu_percent.%s=%.2f%n", name, share);
        }
        System.out.printf("platform.idle.cpu_percent.total=%.2f (of one core, over %d s)%n", total, seconds);
    }

    /** Proportional set size per process (PostgreSQL's with its backends), in MiB. */
    static void pss(Map<String, Long> pids) throws IOException {
        double total = 0;
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long kib = pssKib(e.getValue());
            if (e.getKey().equals("postgres")) {
                for (long child : children(e.getValue())) {
                    kib += pssKib(child);
                }
            }
            total += kib / 1024.0;
            System.out.printf("platform.pss_mib.%s=%.0f%n", e.getKey(), kib / 1024.0);
        }
        System.out.printf("platform.pss_mib.total=%.0f%n", total);
    }

    static long pssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return 0;
    }

    static List<Long> children(long parent) throws IOException {
        List<Long> children = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && stat(Long.parseLong(name))[4] == parent) {
                    children.add(Long.parseLong(name));
                }
            }
        }
        return children;
    }

    /** The latest write of any database that settling waits for, in epoch seconds. */
    static double lastWrite(List<Db> dbs) throws IOException {
        double last = 0;
        for (Db db : dbs) {
            String delivered = db.name.contains("notification")
                    ? ", (SELECT max(delivered_at) FROM delivery WHERE delivered_at > now() - interval '10 minutes')"
                    : "";
            last = Math.max(last, Double.parseDouble(db.query("SELECT coalesce(extract(epoch FROM greatest("
                    + "(SELECT max(processed_at) FROM processed_event), "
                    + "(SELECT max(recorded_at) FROM (SELECT recorded_at FROM event ORDER BY id DESC LIMIT 100) last), "
                    + "(SELECT max(updated_at) FROM relay_checkpoint)" + delivered + ")), 0)")));
        }
        return last;
    }

    /** CPU ticks (user + system) per named process; PostgreSQL's with its backends, living and reaped. */
    static Map<String, Long> cpu(Map<String, Long> pids) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long[] own = stat(e.getValue());
            long sum = own[0] + own[1];
            if (e.getKey().equals("postgres")) {
                sum += own[2] + own[3];
                for (long child : children(e.getValue())) {
                    long[] times = stat(child);
                    sum += times[0] + times[1];
                }
            }
            ticks.put(e.getKey(), sum);
        }
        return ticks;
    }

    /** utime, stime, cutime, cstime, ppid of a process; zeros when it is gone. */
    static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // After the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return new long[5];
        }
    }

    static HttpRequest post(String intake, String token, String body) {
        return HttpRequest.newBuilder(URI.create(intake + "/api/v1/channel-events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build();
    }

    /** A new ticket from one of 50 customers per run, each with an address, so every ticket's receipt is mailed. */
    static String event(String tag, int i) {
        int customer = i % 50;
        String language = customer % 2 == 0 ? "en" : "ru";
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/adapters/bench-platform/web-form\","
                + "\"type\":\"tierdesk.channel.message.received\",\"datacontenttype\":\"application/json\",\"data\":"
                + "{\"channel\":\"web\",\"customer\":{\"externalId\":\"bench-" + tag + "-" + customer
                + "\",\"name\":\"Bench " + customer + "\",\"email\":\"bench-" + tag + "-" + customer
                + "@example.test\",\"language\":\"" + language + "\"},\"subject\":\""
                + SUBJECTS[i % SUBJECTS.length] + "\",\"body\":\"Since this morning; we restarted it twice.\","
                + "\"urgency\":\"medium\"}}";
    }

    /** One psql session kept open for the whole run, so polling costs no new backend each time. */
    static final class Db {
        final String name;
        final Process process;
        final PrintWriter in;
        final BufferedReader out;

        Db(String name) throws IOException {
            this.name = name;
            ProcessBuilder builder = new ProcessBuilder("psql", "-U", name, "-d", name, "-qtA", "-v",
                    "ON_ERROR_STOP=1");
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            process = builder.start();
            in = new PrintWriter(process.getOutputStream(), true);
            out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        }

        String query(String sql) throws IOException {
            in.println(sql + ";");
            String line = out.readLine();
            if (line == null) {
                throw new IOException("psql for " + name + " ended");
            }
            return line;
        }

        void close() {
            in.println("\\q");
            process.destroy();
        }
    }
}
