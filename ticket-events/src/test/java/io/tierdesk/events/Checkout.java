package io.tierdesk.events;

import java.nio.file.Path;

/**
 * The checkout's root, where the contracts' documents live. The build names it; run from the module's directory
 * otherwise. (test-support's {@code ProjectRoot} sits above this module, so the contracts' tests cannot use it.)
 */
final class Checkout {
    private Checkout() {
    }

    static Path root() {
        return Path.of(System.getProperty("tierdesk.root", "..")).toAbsolutePath().normalize();
    }
}
