package io.auditgap.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The project's fleet of real OpenSSH hosts ({@code scanner/src/test/fleet/fleet.sh}), started once
 * per JVM.
 *
 * <p>{@link #get()} runs {@code fleet.sh up} the first time it is called and registers a shutdown
 * hook running {@code fleet.sh down} (only if this JVM started the fleet: a fleet someone brought
 * up by hand is left running). It skips the calling test with {@link Assumptions} when the fleet
 * cannot run here (not root, not Linux, no sshd/unshare) or when {@code -Dauditgap.fleet=skip}. A
 * failing {@code up} on a capable machine is an error, not a skip.
 *
 * <p>Work dir: {@code $AUDITGAP_FLEET_DIR} or {@code -Dauditgap.fleet.dir}, default {@code
 * /tmp/auditgap-testfleet}. Script: {@code -Dauditgap.fleet.script}, else found from the working
 * directory (Maven runs tests in {@code scanner/}).
 */
public final class TestFleet {

  /** One host of the inventory. */
  public record Host(String name, String address, int port, boolean sudo) {}

  /** Result of a command run over ssh or inside a host. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** stdout lines. */
    public List<String> lines() {
      return stdout.lines().toList();
    }
  }

  public static final String DEFAULT_DIR = "/tmp/auditgap-testfleet";
  private static TestFleet instance;
  private static String unavailable;

  private final Path script;
  private final Path workDir;
  private final Path inventory;
  private final Path knownHosts;
  private final Path identityFile;
  private final String defaultUser;
  private final Map<String, Host> hosts;

  private TestFleet(Path script, Path workDir) {
    this.script = script;
    this.workDir = workDir;
    this.inventory = workDir.resolve("run/inventory.yaml");
    Map<String, Object> inv = loadInventory(inventory);
    @SuppressWarnings("unchecked")
    Map<String, Object> defaults = (Map<String, Object>) inv.get("defaults");
    this.knownHosts = Paths.get((String) defaults.get("known_hosts"));
    this.identityFile = Paths.get((String) defaults.get("identity_file"));
    this.defaultUser = (String) defaults.get("user");
    boolean defaultSudo = Boolean.TRUE.equals(defaults.get("sudo"));
    Map<String, Host> h = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> entries = (Map<String, Map<String, Object>>) inv.get("hosts");
    entries.forEach(
        (name, e) -> {
          Object sudo = e.get("sudo");
          h.put(
              name,
              new Host(
                  name,
                  (String) e.get("address"),
                  ((Number) e.get("port")).intValue(),
                  sudo == null ? defaultSudo : Boolean.TRUE.equals(sudo)));
        });
    this.hosts = Collections.unmodifiableMap(h);
  }

  /**
   * The running fleet; starts it on first use, or skips the current test when it cannot run here.
   */
  public static synchronized TestFleet get() {
    if (instance != null) {
      return instance;
    }
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    String why = whyUnavailable();
    if (why != null) {
      unavailable = "test fleet unavailable: " + why;
      Assumptions.abort(unavailable);
    }
    Path script = locateScript();
    Path dir = Paths.get(configured("auditgap.fleet.dir", "AUDITGAP_FLEET_DIR", DEFAULT_DIR));
    boolean alreadyUp = run(script, dir, 30, "status").exitCode() == 0;
    Result up = run(script, dir, 180, "up");
    if (up.exitCode() != 0) {
      run(script, dir, 60, "down");
      throw new IllegalStateException(
          "fleet.sh up failed (rc " + up.exitCode() + "):\n" + up.stdout() + up.stderr());
    }
    System.err.print(up.stderr());
    if (!alreadyUp) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> run(script, dir, 60, "down"), "test-fleet-down"));
    }
    instance = new TestFleet(script, dir);
    return instance;
  }

  public Path script() {
    return script;
  }

  public Path workDir() {
    return workDir;
  }

  /** {@code run/inventory.yaml}: defaults (user, identity_file, known_hosts, sudo) + hosts. */
  public Path inventory() {
    return inventory;
  }

  public Path knownHosts() {
    return knownHosts;
  }

  /** The client's ed25519 private key (authorized for root and the test user on every host). */
  public Path identityFile() {
    return identityFile;
  }

  /** The unprivileged scan user ({@code auditor}, uid 1990). */
  public String user() {
    return defaultUser;
  }

  /** Hosts in address order. */
  public Map<String, Host> hosts() {
    return hosts;
  }

  public Host host(String name) {
    return Optional.ofNullable(hosts.get(name))
        .orElseThrow(() -> new IllegalArgumentException("no fleet host " + name));
  }

  /** Runs {@code command} on {@code host} as {@code user} with the real OpenSSH client. */
  public Result ssh(String host, String user, String command) {
    Host h = host(host);
    return exec(
        30,
        List.of(
            "ssh",
            "-i",
            identityFile.toString(),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "UserKnownHostsFile=" + knownHosts,
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=10",
            "-p",
            Integer.toString(h.port()),
            user + "@" + h.address(),
            command));
  }

  /** Runs a command as root inside the host's namespaces, without ssh ({@code fleet.sh exec}). */
  public Result execInHost(String host, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", host));
    args.addAll(List.of(command));
    return run(script, workDir, 30, args.toArray(String[]::new));
  }

  /** The fixture directory of a host ({@code scanner/src/test/fleet/hosts/<name>}). */
  public Path fixture(String host) {
    return script.getParent().resolve("hosts").resolve(host);
  }

  // ------------------------------------------------------------------------------------------

  private static String whyUnavailable() {
    if ("skip".equals(System.getProperty("auditgap.fleet"))) {
      return "disabled by -Dauditgap.fleet=skip";
    }
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return "not Linux";
    }
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("Uid:") && !line.split("\\s+")[2].equals("0")) {
          return "not root (fleet.sh needs namespaces, mounts and a real sshd)";
        }
      }
    } catch (IOException e) {
      return "cannot read /proc/self/status";
    }
    for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/unshare")) {
      if (!Files.isExecutable(Paths.get(tool))) {
        return tool + " missing (apt-get install -y $(cat scanner/src/test/fleet/packages.txt))";
      }
    }
    return null;
  }

  private static String configured(String property, String env, String dflt) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? dflt : v;
  }

  private static Path locateScript() {
    String p = System.getProperty("auditgap.fleet.script");
    if (p != null && !p.isBlank()) {
      return Paths.get(p).toAbsolutePath();
    }
    for (String c : List.of("src/test/fleet/fleet.sh", "scanner/src/test/fleet/fleet.sh")) {
      Path path = Paths.get(c).toAbsolutePath();
      if (Files.isRegularFile(path)) {
        return path;
      }
    }
    throw new IllegalStateException(
        "fleet.sh not found from "
            + Paths.get("").toAbsolutePath()
            + "; set -Dauditgap.fleet.script");
  }

  private static Result run(Path script, Path dir, int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", script.toString()));
    cmd.addAll(List.of(args));
    return exec(timeoutSeconds, cmd, Map.of("AUDITGAP_FLEET_DIR", dir.toString()));
  }

  private static Result exec(int timeoutSeconds, List<String> cmd) {
    return exec(timeoutSeconds, cmd, Map.of());
  }

  /** Runs {@code cmd} with {@code env} added; stdin empty; fails the caller on timeout. */
  static Result exec(int timeoutSeconds, List<String> cmd, Map<String, String> env) {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + cmd);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String slurp(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> loadInventory(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return (Map<String, Object>) new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet inventory " + path, e);
    }
  }
}
