package io.auditgap.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of the scanner: daemon threads (a stuck host or probe never keeps the JVM
 * alive after the command has answered) named {@code auditgap-ROLE-N} so that a thread dump says
 * what each one was doing.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "auditgap-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts {@code r} on one daemon thread named {@code name}. */
  public static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
