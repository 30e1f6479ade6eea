package io.tierdesk.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tierdesk.events.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Gives a Quarkus test the real broker and database: starts them through the launcher when they do not answer,
 * then hands the application a fresh database and its own topic prefix for this run, and drops both afterwards.
 *
 * <p>Use with {@code @WithTestResource(TierdeskInfra.class)}.
 */
public class TierdeskInfra implements QuarkusTestResourceLifecycleManager {
    public static final String PG_HOST = env("TIERDESK_PG_HOST", "127.0.0.1");
    public static final int PG_PORT = Integer.parseInt(env("TIERDESK_PG_PORT", "5432"));
    public static final String KAFKA = env("TIERDESK_KAFKA_HOST", "127.0.0.1") + ":" + env("TIERDESK_KAFKA_PORT", "9092");
    public static final String TEST_ROLE = "tierdesk_test";
    /** The launcher's test database; the role connects there to create and drop each run's own. */
    public static final String TEST_DATABASE = "tierdesk_test";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private String database;
    private String topicPrefix;

    @Override
    public Map<String, String> start() {
        ensureInfrastructure();
        String run = module() + "_" + LocalDateTime.now().format(STAMP) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        database = "tdt_" + run;
        topicPrefix = "t_" + run + ".";
        try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
            dropStaleDatabases(admin);
            sql.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
        createTopics();

        Map<String, String> config = new HashMap<>();
        config.put("tierdesk.db.host", PG_HOST);
        config.put("tierdesk.db.port", String.valueOf(PG_PORT));
        config.put("tierdesk.db.name", database);
        config.put("quarkus.datasource.username", TEST_ROLE);
        password().ifPresent(p -> config.put("quarkus.datasource.password", p));
        config.put("kafka.bootstrap.servers", KAFKA);
        config.put("tierdesk.eventing.topic-prefix", topicPrefix);
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        try (Admin admin = Admin.create(adminProps())) {
            admin.deleteTopics(Topics.all().stream().map(t -> topicPrefix + t).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete test topics " + topicPrefix + "*: " + e.getMessage());
        }
        try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + database + ": " + e.getMessage());
        }
    }

    /** Starts the broker and the database through the launcher unless both answer and the test role can log in. */
    public static synchronized void ensureInfrastructure() {
        if (reachable(PG_HOST, PG_PORT) && reachable(KAFKA.split(":")[0], Integer.parseInt(KAFKA.split(":")[1]))
                && testRoleCanConnect()) {
            return;
        }
        Path root = ProjectRoot.path();
        System.err.println("[tierdesk] broker or database not up; running ./tierdesk infra up");
        try {
            Process process = new ProcessBuilder(root.resolve("tierdesk").toString(), "infra", "up")
                    .directory(root.toFile()).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("./tierdesk infra up failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./tierdesk infra up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Connection adminConnection() throws SQLException {
        return connect(TEST_DATABASE);
    }

    /** A JDBC connection to one of the test role's databases, e.g. the one a test application runs on. */
    public static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.put("user", TEST_ROLE);
        password().ifPresent(p -> props.put("password", p));
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database, props);
    }

    private static boolean testRoleCanConnect() {
        try (Connection ignored = adminConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Databases left by runs that crashed more than a few hours ago. */
    private static void dropStaleDatabases(Connection admin) throws SQLException {
        String cutoff = LocalDateTime.now().minusHours(6).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (Statement sql = admin.createStatement();
             ResultSet rs = sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'tdt\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d{14})_").matcher(name);
                if (m.find() && m.group(1).compareTo(cutoff) < 0) {
                    stale.add(name);
                }
            }
        }
        try (Statement sql = admin.createStatement()) {
            for (String name : stale) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(adminProps())) {
            admin.createTopics(Topics.all().stream()
                    .map(t -> new NewTopic(topicPrefix + t, 3, (short) 1).configs(Map.of("retention.ms", "-1")))
                    .toList()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics " + topicPrefix + "*", e);
        }
    }

    private static Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        return props;
    }

    /** The database roles' password: TIERDESK_DB_PASSWORD, else the launcher's generated one, else none (trust). */
    public static java.util.Optional<String> password() {
        String env = System.getenv("TIERDESK_DB_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return java.util.Optional.of(env);
        }
        try {
            Path file = ProjectRoot.path().resolve(".tierdesk/secrets/db-password");
            return Files.exists(file) ? java.util.Optional.of(Files.readString(file).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String module() {
        return Path.of("").toAbsolutePath().getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
