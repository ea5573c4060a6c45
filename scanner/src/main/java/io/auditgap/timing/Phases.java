package io.auditgap.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a scan's time goes, summed over every host and thread: start-up (until the first host's
 * connection begins), handshake and collection as wall time (they wait on the network), bundle
 * decoding, fact parsing, evaluation and rendering as the CPU time of the thread doing them (wall
 * time would count waiting for a core on a busy machine). Process-wide, so the layers that do the
 * work need no extra parameters; only read when {@code scan --timings} asks for it. A few counters
 * per host cost microseconds.
 */
public final class Phases {
  /** One stage of the pipeline, in data-flow order. */
  public enum Phase {
    /** From the JVM's start until the first host's connection begins (wall time, counted once). */
    STARTUP("start-up"),
    HANDSHAKE("handshake"),
    COLLECT("collector"),
    DECODE("bundle decoding"),
    PARSE("parsing"),
    EVALUATE("evaluation"),
    RENDER("rendering");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static final Map<Phase, LongAdder> NANOS = new EnumMap<>(Phase.class);
  // Facts derive each other lazily; only the outermost derivation on a thread is counted. [0] is
  // the nesting depth, [1] the parse CPU nanoseconds this thread has spent so far.
  private static final ThreadLocal<long[]> PARSE = ThreadLocal.withInitial(() -> new long[2]);

  static {
    for (Phase p : Phase.values()) {
      NANOS.put(p, new LongAdder());
    }
  }

  // System.nanoTime() when the first connection began; 0 before. The JVM's start time is asked for
  // only when start-up is read: the management interface's first use costs 10-20 ms of a fresh
  // JVM, which here would delay the first connection.
  private static final AtomicLong FIRST_CONNECTION = new AtomicLong();
  // Threads whose work is no phase of the scan (a warm-up): their time is not counted.
  private static final ThreadLocal<Boolean> UNCOUNTED = ThreadLocal.withInitial(() -> false);

  private Phases() {}

  /**
   * Records, on the first call only, the wall time from the JVM's start until now: JVM start,
   * command line, catalog and inventory loading before the first connection.
   */
  public static void firstConnection() {
    FIRST_CONNECTION.compareAndSet(0, System.nanoTime());
  }

  /** Adds the time since {@code startNanos} ({@link System#nanoTime()}) to {@code phase}. */
  public static void add(Phase phase, long startNanos) {
    if (UNCOUNTED.get()) {
      return;
    }
    NANOS.get(phase).add(System.nanoTime() - startNanos);
  }

  /** CPU nanoseconds the current thread has used (0 where the JVM cannot tell). */
  public static long threadCpu() {
    ThreadMXBean threads = Threads.BEAN;
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /** Adds the current thread's CPU time since {@code startCpu} ({@link #threadCpu()}). */
  public static void addCpu(Phase phase, long startCpu) {
    long used = threadCpu() - startCpu;
    if (!UNCOUNTED.get()) {
      NANOS.get(phase).add(used);
    }
    if (phase == Phase.PARSE) {
      PARSE.get()[1] += used;
    }
  }

  /** Runs {@code work} on this thread without counting its time in any phase. */
  public static void uncounted(Runnable work) {
    UNCOUNTED.set(true);
    try {
      work.run();
    } finally {
      UNCOUNTED.set(false);
    }
  }

  /** Marks the start of a (possibly nested) parse; returns true when it is the outermost one. */
  public static boolean enterParse() {
    return PARSE.get()[0]++ == 0;
  }

  public static void exitParse() {
    PARSE.get()[0]--;
  }

  /** Parse CPU nanoseconds spent on the current thread so far. */
  public static long parsedOnThread() {
    return PARSE.get()[1];
  }

  /** Total seconds spent in {@code phase} so far, over all threads. */
  public static double seconds(Phase phase) {
    if (phase == Phase.STARTUP) {
      return startupSeconds();
    }
    return NANOS.get(phase).sum() / 1e9;
  }

  private static double startupSeconds() {
    long first = FIRST_CONNECTION.get();
    if (first == 0) {
      return 0;
    }
    long sinceFirstNanos = System.nanoTime() - first;
    long sinceStartMillis =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    return Math.max(0, sinceStartMillis / 1e3 - sinceFirstNanos / 1e9);
  }

  /** The thread bean, made at its first use (see {@link #FIRST_CONNECTION}). */
  private static final class Threads {
    static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
  }
}
