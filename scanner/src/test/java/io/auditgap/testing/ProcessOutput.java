package io.auditgap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a local command for a test: no stdin, stderr with stdout, and it must exit 0 in time. */
public final class ProcessOutput {
  private ProcessOutput() {}

  /** The output of {@code cmd} with {@code env} added to this process's environment. */
  public static String of(List<String> cmd, Map<String, String> env, int timeoutSeconds)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), String.join(" ", cmd));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /**
   * {@code script} run by {@code shell} as the collector runs a command snippet: the body of a
   * function without arguments (so a snippet's {@code return} ends it; an {@code exit} ends the
   * shell); {@code /bin/busybox} is run as {@code busybox sh}.
   */
  public static String ofShell(String shell, String script, int timeoutSeconds) throws Exception {
    return ofShell(shell, script, Map.of(), timeoutSeconds);
  }

  /** {@link #ofShell(String, String, int)} with {@code env} added to this process's environment. */
  public static String ofShell(
      String shell, String script, Map<String, String> env, int timeoutSeconds) throws Exception {
    return of(asFunction(shell, script), env, timeoutSeconds);
  }

  /**
   * The collector's wrapper for a snippet run by its own sh (collector.sh, ag_fsh), without its
   * choice of mawk: a snippet's awk is this machine's {@code awk} (gawk where it is installed), so
   * the snippet tests run the awk programs under another awk than the collector tests do.
   */
  public static final String AS_FUNCTION = "ag_x=$1; shift; ag_f() { eval \"$ag_x\"; }; ag_f";

  /** {@code sh -c} and its arguments that run {@code script} as {@link #AS_FUNCTION} does. */
  public static List<String> asFunction(String shell, String script) {
    return shell.endsWith("busybox")
        ? List.of(shell, "sh", "-c", AS_FUNCTION, "ag", script)
        : List.of(shell, "-c", AS_FUNCTION, "ag", script);
  }
}
