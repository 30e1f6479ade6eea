package io.tierdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * `./tierdesk chaos --short`: a platform of its own (its own PostgreSQL cluster, broker, mail catcher and ports) under
 * a steady stream of tickets while escalation-router is killed with SIGKILL and started again and the database is
 * crashed and started again; every count afterwards must be exact, and every projection equal to one rebuilt from
 * its topics (deploy/tools/Chaos.java). The full run, with every
 * service and the broker killed in turn, is `./tierdesk chaos` (docs/reliability.md).
 */
class ChaosSystemTest {
    @Test
    void underKillsAndADatabaseCrashEveryRequestIsOneTicketTakenInOnceByEveryService() throws Exception {
        Path root = Launcher.projectRoot();
        // Its state goes under the system tests' own folder, its ports and database are its own.
        Launcher.Result chaos = new Launcher(root, root.resolve("system-tests/target/tierdesk-home")).run("chaos",
                "--short");
        assertThat(chaos.exitCode()).as(chaos.output()).isZero();
        assertThat(chaos.output()).contains("chaos passed: every count exact")
                .containsPattern("tickets opened \\(intake's event store\\)\\s+(\\d+)\\s+\\1")
                .containsPattern("escalation-router\\s+killed and back")
                .containsPattern("ticket-intake\\s+ticket-view\\s+EQUAL")
                .containsPattern("projections that differ from one rebuilt from the events\\s+0\\s+0");
    }
}
