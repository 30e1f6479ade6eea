package io.tierdesk.events;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root, where the launcher and docs live. */
final class ProjectRoot {
    private ProjectRoot() {
    }

    static Path path() {
        String configured = System.getProperty("tierdesk.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("tierdesk")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Tierdesk checkout above " + start);
    }
}
