package io.auditgap.cli;

import io.auditgap.transport.SshWarmup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * What a scan that records the class-data-sharing archive adds before it exits. An archive holds
 * the classes its recording run loaded, and that run is often a local scan (the training run of
 * {@code ./auditgap}, or a package user's first scan), which connects nowhere: without this, every
 * later SSH scan would still load the SSH library's transport, key exchange, authentication and
 * session classes, the key file, known_hosts and inventory readers from the jars, verifying each,
 * on the way to its first host (see docs/performance.md). The SSH warm-up runs on throwaway keys,
 * and the classes of {@value #SSH_SCAN_CLASSES} are loaded by name, not initialised: nothing
 * connects, nothing is written. A name the class path no longer has (after a dependency update) is
 * skipped; {@code CdsTrainingTest} says when the list needs regenerating.
 */
final class CdsTraining {
  static final String SSH_SCAN_CLASSES = "ssh-scan-classes.txt";

  private CdsTraining() {}

  /** The SSH warm-up (if this scan did not run it), then the listed classes. */
  static void loadWhatAnSshScanNeeds() {
    SshWarmup.runNow();
    loadSshScanClasses();
  }

  /** Loads the listed classes; returns how many of them the class path has. */
  static int loadSshScanClasses() {
    ClassLoader loader = CdsTraining.class.getClassLoader();
    int loaded = 0;
    try (InputStream in = CdsTraining.class.getResourceAsStream(SSH_SCAN_CLASSES)) {
      if (in == null) {
        return 0;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try {
          Class.forName(name, false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          // gone from the class path: the archive is only without it
        }
      }
    } catch (IOException e) {
      // the jar itself is unreadable: the scan will say so
    }
    return loaded;
  }
}
