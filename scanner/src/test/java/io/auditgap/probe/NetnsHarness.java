package io.auditgap.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** Runs {@code src/test/probe/netns.sh} (root only) and the peer tools the tests compare with. */
final class NetnsHarness {
  static final Path SCRIPT = Path.of("src/test/probe/netns.sh").toAbsolutePath();
  static final Path STATE = Path.of("/tmp/agp-probe-netns");
  static final String TARGET = "10.201.1.2";
  static final String JUMP = "10.201.2.2";
  static final String INTERNAL = "10.201.3.2";

  private NetnsHarness() {}

  /**
   * Brings the namespaces up, or aborts the test class with the reason (not root, tool missing).
   */
  static void upOrSkip() throws Exception {
    Result check = run(List.of("sh", SCRIPT.toString(), "check"), 30);
    Assumptions.assumeTrue(
        check.rc == 0,
        "probe netns tests skipped: "
            + check.out.trim()
            + " (run as root on Linux; see "
            + "scanner/src/test/probe-packages.txt)");
    Result up = run(List.of("sh", SCRIPT.toString(), "up"), 120);
    if (up.rc != 0) {
      run(List.of("sh", SCRIPT.toString(), "down"), 60);
      throw new IllegalStateException("netns.sh up failed:\n" + up.out);
    }
  }

  static void down() throws Exception {
    if (Files.exists(STATE)) {
      run(List.of("sh", SCRIPT.toString(), "down"), 60);
    }
  }

  record Result(int rc, String out) {}

  static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out;
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + cmd);
    }
    out = p.getInputStream().readAllBytes();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** {@code ssh-keygen -lf}'s SHA256 fingerprint of a host key of the fleet. */
  static String fingerprint(String hostKeyName) throws Exception {
    Result r =
        run(List.of("ssh-keygen", "-lf", STATE.resolve(hostKeyName + ".pub").toString()), 30);
    return r.out.split("\\s+")[1];
  }

  /** Effective sshd setting ({@code sshd -T}) of one of the fleet's sshd configs. */
  static String sshdSetting(String conf, String key) throws Exception {
    Result r =
        run(List.of("/usr/sbin/sshd", "-T", "-f", STATE.resolve(conf + ".conf").toString()), 30);
    for (String line : r.out.split("\n")) {
      if (line.startsWith(key + " ")) {
        return line.substring(key.length() + 1).trim();
      }
    }
    throw new IllegalStateException("sshd -T printed no " + key + ":\n" + r.out);
  }

  /** nmap's state per port (open, closed, filtered) for one address. */
  static Map<Integer, String> nmap(String address, List<Integer> ports, List<String> extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("nmap", "-sT", "-Pn", "-n"));
    cmd.addAll(extra);
    cmd.add("-p");
    cmd.add(String.join(",", ports.stream().map(String::valueOf).toList()));
    cmd.add("-oX");
    cmd.add("-");
    cmd.add(address);
    Result r = run(cmd, 300);
    Map<Integer, String> m = new LinkedHashMap<>();
    Matcher x = Pattern.compile("portid=\"(\\d+)\"><state state=\"([a-z|]+)\"").matcher(r.out);
    while (x.find()) {
      m.put(Integer.parseInt(x.group(1)), x.group(2));
    }
    return m;
  }

  /** Our verdict in nmap's words: both open verdicts are nmap's {@code open}. */
  static String asNmap(PortVerdict v) {
    return v.reachable() ? "open" : v.id();
  }
}
