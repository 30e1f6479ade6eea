package io.tierdesk.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs ./tierdesk the way an operator does, with its own state folder and ports beside any running platform. */
final class Launcher {
    record Result(int exitCode, String output) {
    }

    static final int PORT_BASE = 18080;
    /**
     * ticket-intake's reopen window on the platform under test: long enough for a customer writing back at once to
     * reopen, short enough for a test to wait it out and see a repeat contact.
     */
    static final Duration REOPEN_WINDOW = Duration.ofSeconds(15);
    private final Path root;
    private final Path home;

    Launcher(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    static Path projectRoot() {
        String configured = System.getProperty("tierdesk.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tierdesk"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Tierdesk checkout above " + start);
    }

    /** Stops whatever an earlier run left and wipes its data: the platform under test starts empty. */
    void startAfresh() throws IOException, InterruptedException {
        run("down");
        for (String data : List.of("pg", "kafka/data", "kafka/server.properties", "run")) {
            Path path = home.resolve(data);
            if (Files.exists(path)) {
                try (var walk = Files.walk(path)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("tierdesk").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(environment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./tierdesk " + String.join(" ", args) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("$ ./tierdesk " + String.join(" ", args) + "\n" + text);
        return new Result(process.exitValue(), text);
    }

    /** The environment ./tierdesk runs with here: this state folder, these ports, the checkout's database password. */
    Map<String, String> environment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TIERDESK_HOME", home.toString());
        env.put("TIERDESK_PORT_BASE", String.valueOf(PORT_BASE));
        // Infrastructure of its own too: on the machine's PostgreSQL the platform under test would share the
        // developer's databases (and a CI box's, kept from earlier runs) while its broker is new, and its
        // projections would hold tickets no topic of its has.
        env.put("TIERDESK_PG_DATA", home.resolve("pg").toString());
        env.put("TIERDESK_PG_PORT", "15432");
        env.put("TIERDESK_KAFKA_PORT", "19092");
        env.put("TIERDESK_KAFKA_CONTROLLER_PORT", "19093");
        env.put("TIERDESK_SMTP_PORT", "13025");
        env.put("TIERDESK_IMAP_PORT", "13143");
        env.put("TIERDESK_MAIL_WEB_PORT", "18025");
        // The reactor has just built the services; the test must see that build, not make another.
        env.put("TIERDESK_NO_BUILD", "1");
        // A fresh build's first start would be the ahead-of-time cache's training run: slower to start, and each
        // service writes its cache as it stops — about a minute and a half of the suite for a cache the test never
        // uses (the chaos run starts without it too).
        env.put("TIERDESK_NO_AOT", "1");
        env.put("TIERDESK_INTAKE_REOPEN_WINDOW", REOPEN_WINDOW.toString());
        // Keep the database roles' password the one the checkout's launcher already set.
        Path secret = root.resolve(".tierdesk/secrets/db-password");
        if (System.getenv("TIERDESK_DB_PASSWORD") == null && Files.exists(secret)) {
            env.put("TIERDESK_DB_PASSWORD", Files.readString(secret).strip());
        }
        return env;
    }
}
