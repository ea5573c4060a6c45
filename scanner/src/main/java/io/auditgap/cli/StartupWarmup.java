package io.auditgap.cli;

import io.auditgap.concurrent.DaemonThreads;
import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.SafeYaml;

/**
 * Start-up work that does not depend on the command line, done while picocli builds it (about 0.1 s
 * of a fresh JVM, on one core): the first use of the YAML parser that reads the inventory and the
 * check catalog. SnakeYAML logs through {@code java.util.logging}, whose first use looks for a
 * logging back-end in every jar of the class path; done on a second core, that no longer delays
 * reading the inventory, and so the first connection.
 *
 * <p>The libraries' other searches of the whole class path are avoided instead: picocli's probe for
 * Groovy closures (the command line has none) and slf4j's search for a provider (the one shipped is
 * named). Each property is set only when the user has not set it.
 */
final class StartupWarmup {
  private StartupWarmup() {}

  static void start() {
    setIfAbsent("picocli.disable.closures", "true");
    setIfAbsent("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    // named providers are announced on stderr at slf4j's default verbosity
    setIfAbsent("slf4j.internal.verbosity", "WARN");
    DaemonThreads.start("auditgap-startup-warmup", StartupWarmup::parseOnce);
  }

  private static void parseOnce() {
    try {
      SafeYaml.compose("warm-up: [1, {a: b}]\n", "warm-up");
    } catch (InventoryException | RuntimeException e) {
      // only a warm-up: the real parse reports any real problem
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
