package io.tierdesk.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root (where ./tierdesk lives), found from the build's property or the working directory. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path path() {
        String configured = System.getProperty("tierdesk.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tierdesk")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Tierdesk checkout above " + start);
    }
}
