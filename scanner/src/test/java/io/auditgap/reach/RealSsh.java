package io.auditgap.reach;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH programs for tests: an sshd started from a config written here, ssh-agent processes,
 * ssh-keygen. Every process is started by the test and stopped by its own pid.
 */
final class RealSsh {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  private RealSsh() {}

  /** Why these tests cannot run here, or null (sshd needs root for its privilege separation). */
  static String unavailable() {
    if (!Files.isExecutable(SSHD) || !Files.isExecutable(Path.of("/usr/bin/ssh-agent"))) {
      return "openssh-server/openssh-client not installed (scanner/src/test/reach-packages.txt)";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "a real sshd needs root (run the suite as root, like CI)";
    }
    return null;
  }

  static String run(Path dir, Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  static String run(Path dir, String... cmd) throws Exception {
    return run(dir, Map.of(), cmd);
  }

  /** {@code ssh-keygen -t type -f dir/name} without passphrase; returns the private key path. */
  static Path keygen(Path dir, String type, String name) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name));
    if (type.equals("rsa")) {
      cmd.addAll(List.of("-b", "3072"));
    }
    cmd.addAll(List.of("-f", dir.resolve(name).toString()));
    run(dir, cmd.toArray(String[]::new));
    return dir.resolve(name);
  }

  static String pub(Path key) throws IOException {
    return Files.readString(Path.of(key + ".pub")).strip();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One sshd process on 127.0.0.1. */
  static final class Sshd implements AutoCloseable {
    final int port;
    final Path dir;
    private final Process process;

    private Sshd(int port, Path dir, Process process) {
      this.port = port;
      this.dir = dir;
      this.process = process;
    }

    /**
     * Starts sshd with a host key {@code dir/host_key} (created when missing), authorized keys in
     * {@code dir/authorized_keys}, and the extra config lines given.
     */
    static Sshd start(Path dir, String... extra) throws Exception {
      Files.createDirectories(Path.of("/run/sshd"));
      Path hostKey = dir.resolve("host_key");
      if (!Files.exists(hostKey)) {
        keygen(dir, "ed25519", "host_key");
      }
      Path auth = dir.resolve("authorized_keys");
      if (!Files.exists(auth)) {
        Files.writeString(auth, "");
      }
      Files.setPosixFilePermissions(hostKey, PosixFilePermissions.fromString("rw-------"));
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        // sshd keeps the first value of an option: the test's own lines go first.
        List<String> lines = new ArrayList<>(List.of(extra));
        lines.addAll(
            List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + auth,
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding yes",
                "PidFile none",
                "LogLevel VERBOSE"));
        Path cfg = dir.resolve("sshd_config");
        Files.write(cfg, lines);
        Path log = dir.resolve("sshd.log");
        Process p =
            new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && p.isAlive()) {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return new Sshd(port, dir, p);
          } catch (IOException e) {
            Thread.sleep(50);
          }
        }
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        last = new IOException("sshd did not start: " + Files.readString(log));
      }
      throw last;
    }

    String log() throws IOException {
      return Files.readString(dir.resolve("sshd.log"));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** One ssh-agent process (foreground, {@code -D}) with its socket in {@code dir}. */
  static final class Agent implements AutoCloseable {
    final Path socket;
    private final Process process;

    private Agent(Path socket, Process process) {
      this.socket = socket;
      this.process = process;
    }

    /** Starts an agent and adds {@code keys} in this order (ssh-add keeps the order). */
    static Agent start(Path dir, String name, Path... keys) throws Exception {
      Path socket = dir.resolve(name + ".sock");
      Process p =
          new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(name + ".log").toFile())
              .start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(socket)) {
        if (System.nanoTime() > until || !p.isAlive()) {
          p.destroy();
          throw new IOException("ssh-agent did not create " + socket);
        }
        Thread.sleep(20);
      }
      Agent a = new Agent(socket, p);
      for (Path k : keys) {
        run(dir, Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", "-q", k.toString());
      }
      return a;
    }

    /** {@code ssh-add -l}: what the agent really holds. */
    String list() throws Exception {
      ProcessBuilder pb = new ProcessBuilder("ssh-add", "-l").redirectErrorStream(true);
      pb.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
