package io.auditgap.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the SSH transport. Per-host settings (user, key, known_hosts, jump) come from the
 * inventory's {@code HostSpec}; these apply to every host.
 *
 * @param acceptNewHostKeys append keys of hosts missing from known_hosts (never replaces a changed
 *     key)
 * @param connectTimeout TCP connect limit
 * @param handshakeTimeout limit for each SSH protocol wait: banner, key exchange, auth replies,
 *     channel opens
 * @param keepAliveInterval interval of keepalive@openssh.com probes; zero disables them
 * @param keepAliveMaxCount unanswered probes after which the connection is declared dead
 * @param closeGrace how long closing a channel or connection may take before it is abandoned
 * @param maxStderrBytes how much stderr an exec keeps (the rest is read and discarded)
 * @param userHome home directory for {@code ~/.ssh/known_hosts} and the default keys
 */
public record SshOptions(
    boolean acceptNewHostKeys,
    Duration connectTimeout,
    Duration handshakeTimeout,
    Duration keepAliveInterval,
    int keepAliveMaxCount,
    Duration closeGrace,
    int maxStderrBytes,
    Path userHome) {

  public SshOptions {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(handshakeTimeout, "handshakeTimeout");
    requirePositive(closeGrace, "closeGrace");
    if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must be >= 0");
    }
    if (keepAliveMaxCount < 1 || maxStderrBytes < 0) {
      throw new IllegalArgumentException("keepAliveMaxCount >= 1 and maxStderrBytes >= 0");
    }
    if (userHome == null) {
      throw new IllegalArgumentException("userHome is required");
    }
  }

  /** Strict host keys, 10 s connect, 15 s per handshake step, keepalive every 15 s (3 misses). */
  public static SshOptions defaults() {
    return new SshOptions(
        false,
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        Duration.ofSeconds(15),
        3,
        Duration.ofSeconds(1),
        8192,
        Path.of(System.getProperty("user.home")));
  }

  public SshOptions withAcceptNewHostKeys(boolean accept) {
    return new SshOptions(
        accept,
        connectTimeout,
        handshakeTimeout,
        keepAliveInterval,
        keepAliveMaxCount,
        closeGrace,
        maxStderrBytes,
        userHome);
  }

  public SshOptions withTimeouts(Duration connect, Duration handshake) {
    return new SshOptions(
        acceptNewHostKeys,
        connect,
        handshake,
        keepAliveInterval,
        keepAliveMaxCount,
        closeGrace,
        maxStderrBytes,
        userHome);
  }

  public SshOptions withUserHome(Path home) {
    return new SshOptions(
        acceptNewHostKeys,
        connectTimeout,
        handshakeTimeout,
        keepAliveInterval,
        keepAliveMaxCount,
        closeGrace,
        maxStderrBytes,
        home);
  }

  /** {@code ~/.ssh/known_hosts} under {@link #userHome}. */
  public Path defaultKnownHosts() {
    return userHome.resolve(".ssh").resolve("known_hosts");
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
