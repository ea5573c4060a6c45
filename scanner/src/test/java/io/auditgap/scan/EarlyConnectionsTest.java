package io.auditgap.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryLoader;
import io.auditgap.transport.Connection;
import io.auditgap.transport.ExecResult;
import io.auditgap.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The scan takes over the connection begun early for its host (the same spec, or an equal one),
 * never one begun for another host of the same name, and the connections it does not take are
 * closed.
 */
class EarlyConnectionsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path HOME = Path.of("/home/auditor");
  private static final String INVENTORY =
      """
      hosts:
        web1: {address: 192.0.2.1}
        web2: {address: 192.0.2.2}
        db1: {address: 192.0.2.3}
      """;

  @Test
  void aHostTakesTheConnectionBegunForItAndTheRestAreClosed() throws Exception {
    Inventory inv = new InventoryLoader("auditor", HOME).parse(INVENTORY, "inventory.yaml");
    List<HostSpec> hosts = inv.hosts();
    Opener transport = new Opener();
    Connection web1;
    Connection web1Again;
    Connection moved;
    try (EarlyConnections early = EarlyConnections.begin(transport, hosts, 2, TIMEOUT)) {
      web1 = early.open(hosts.get(0), TIMEOUT);
      assertSame(transport.first("web1"), web1, "the connection begun early");
      // a host beyond the first wave connects when asked
      early.open(hosts.get(2), TIMEOUT);
      // an equal spec built anew (another load of the same inventory) takes the early connection
      HostSpec web2 =
          new InventoryLoader("auditor", HOME).parse(INVENTORY, "inventory.yaml").hosts().get(1);
      Connection taken = early.open(web2, TIMEOUT); // waits for the early connect's own thread
      assertSame(transport.first("web2"), taken);
      // taken once: the same host asked again connects anew
      web1Again = early.open(hosts.get(0), TIMEOUT);
      moved =
          early.open(
              new InventoryLoader("auditor", HOME)
                  .parse("hosts:\n  web1: {address: 192.0.2.9}\n", "inventory.yaml")
                  .hosts()
                  .get(0),
              TIMEOUT);
    }
    // web1 and web2 once early; db1 when asked; web1 again when asked again, and for the host of
    // that name elsewhere
    assertEquals(List.of("db1", "web1", "web1", "web1", "web2"), transport.opened());
    assertTrue(web1 != web1Again && web1Again != moved);
    assertTrue(transport.closed().isEmpty(), "every connection begun early was taken");

    Opener unused = new Opener();
    try (EarlyConnections early = EarlyConnections.begin(unused, hosts, 3, TIMEOUT)) {
      early.open(hosts.get(1), TIMEOUT);
    }
    unused.awaitClosed(2);
    assertEquals(
        List.of("db1", "web1"), unused.closed().stream().sorted().toList(), "not taken: closed");
  }

  /** Opens a connection that runs nothing, remembering for which host and whether it was closed. */
  private static final class Opener implements Transport {
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final Map<String, Connection> firsts = new ConcurrentHashMap<>();

    @Override
    public Connection open(HostSpec host, Duration timeout) {
      opened.add(host.name());
      Connection c = new Idle(host.name(), closed);
      firsts.putIfAbsent(host.name(), c);
      return c;
    }

    Connection first(String name) {
      return firsts.get(name);
    }

    /** The hosts opened, sorted: the first wave opens on threads of its own, in any order. */
    List<String> opened() {
      return opened.stream().sorted().toList();
    }

    List<String> closed() {
      return closed;
    }

    void awaitClosed(int n) throws InterruptedException {
      long end = System.nanoTime() + TIMEOUT.toNanos();
      while (closed.size() < n && System.nanoTime() < end) {
        Thread.sleep(10);
      }
    }
  }

  private record Idle(String host, List<String> closed) implements Connection {
    @Override
    public ExecResult exec(
        String command,
        byte[] stdin,
        byte[] closeStdinAfter,
        Predicate<byte[]> watchedLine,
        long maxStdout,
        Duration timeout) {
      throw new UnsupportedOperationException("runs nothing");
    }

    @Override
    public String hostKeyFingerprint() {
      return null;
    }

    @Override
    public int execCount() {
      return 0;
    }

    @Override
    public void close() {
      closed.add(host);
    }
  }
}
