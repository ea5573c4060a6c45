package io.auditgap.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary report files being written. Ctrl-C (SIGINT) or SIGTERM stops the JVM without running
 * the writer's {@code finally}, so a shutdown hook deletes whatever is still pending: a report is
 * either complete under its name or absent, and no {@code .tmp} file is left in the output
 * directory.
 */
final class TemporaryFiles {
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TemporaryFiles::deletePending, "auditgap-temp-cleanup"));
  }

  private TemporaryFiles() {}

  static void add(Path p) {
    PENDING.add(p);
  }

  static void remove(Path p) {
    PENDING.remove(p);
  }

  static void deletePending() {
    for (Path p : PENDING) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // the JVM is stopping: nothing else to do with it
      }
    }
  }
}
