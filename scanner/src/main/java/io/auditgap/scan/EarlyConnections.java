package io.auditgap.scan;

import io.auditgap.concurrent.DaemonThreads;
import io.auditgap.inventory.HostSpec;
import io.auditgap.timing.Phases;
import io.auditgap.transport.Connection;
import io.auditgap.transport.Transport;
import io.auditgap.transport.TransportException;
import io.auditgap.transport.TransportFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A scan's SSH connections, the first of which begin before the scan is ready to use them: the
 * handshakes of the first wave of hosts (TCP, key exchange, authentication — several round trips)
 * overlap what the command still does before it can scan (loading and validating the check catalog,
 * the check parameters, the report settings, waivers and baseline). A connection begun early only
 * connects and authenticates: nothing runs on the host until the scan takes the connection over and
 * starts the collector, so a scan refused for bad input runs nothing anywhere. Connections the scan
 * does not take are closed by {@link #close()}.
 *
 * <p>Also the one place a scan's handshakes are timed ({@code scan --timings}): a connection begun
 * early is timed from its own start, not from when the scan took it.
 */
public final class EarlyConnections implements Transport, AutoCloseable {
  private final Transport ssh;
  // By host name: a HostSpec is a record whose first hashCode in a JVM builds its method handles
  // (about 10 ms, before the first connection could begin). The spec is kept to check on taking.
  private final Map<String, Begun> begun = new ConcurrentHashMap<>();

  private record Begun(HostSpec host, CompletableFuture<Connection> connection) {}

  private EarlyConnections(Transport ssh) {
    this.ssh = ssh;
  }

  /** Connections opened when the scan asks for them, none in advance. */
  public static EarlyConnections none(Transport ssh) {
    return new EarlyConnections(ssh);
  }

  /**
   * Begins connecting to the first {@code count} hosts of {@code hosts} that are reached over SSH
   * (the hosts a scan with {@code count} workers starts with), each on its own daemon thread.
   * Returns at once.
   */
  public static EarlyConnections begin(
      Transport ssh, List<HostSpec> hosts, int count, Duration timeout) {
    EarlyConnections early = new EarlyConnections(ssh);
    for (HostSpec h : hosts.subList(0, Math.min(count, hosts.size()))) {
      if (h.isLocal() || early.begun.containsKey(h.name())) {
        continue;
      }
      CompletableFuture<Connection> f = new CompletableFuture<>();
      early.begun.put(h.name(), new Begun(h, f));
      DaemonThreads.start(
          "auditgap-early-" + h.name(),
          () -> {
            try {
              f.complete(early.timedOpen(h, timeout));
            } catch (TransportException | RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    }
    return early;
  }

  /** The connection begun early for {@code host} (waiting for it), or a new one. */
  @Override
  public Connection open(HostSpec host, Duration timeout) throws TransportException {
    Begun b = begun.get(host.name());
    // the same spec (the scan's own) or an equal one; another host of the same name connects anew
    if (b == null
        || (b.host() != host && !b.host().equals(host))
        || !begun.remove(host.name(), b)) {
      return timedOpen(host, timeout);
    }
    CompletableFuture<Connection> f = b.connection();
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException te) {
        throw te;
      }
      throw new TransportException(
          TransportFailure.ERROR, "connecting to " + host.name() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      closeWhenOpen(f);
      Thread.currentThread().interrupt();
      throw new TransportException(
          TransportFailure.DEADLINE, "interrupted while connecting to " + host.name());
    }
  }

  private Connection timedOpen(HostSpec host, Duration timeout) throws TransportException {
    Phases.firstConnection();
    long start = System.nanoTime();
    try {
      return ssh.open(host, timeout);
    } finally {
      Phases.add(Phases.Phase.HANDSHAKE, start);
    }
  }

  /** Closes the connections begun early that the scan did not take (now or once they open). */
  @Override
  public void close() {
    for (String name : List.copyOf(begun.keySet())) {
      Begun b = begun.remove(name);
      if (b != null) {
        closeWhenOpen(b.connection());
      }
    }
  }

  private static void closeWhenOpen(CompletableFuture<Connection> f) {
    f.whenComplete(
        (c, failure) -> {
          if (c != null) {
            c.close();
          }
        });
  }
}
