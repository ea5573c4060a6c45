package io.auditgap.soak;

import io.auditgap.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Soak: the same inventory scanned round after round in one JVM, as {@code auditgap scan
 * --save-snapshots} does it, with threads, open file descriptors and the heap after a full GC
 * measured after every round. A leak shows as a column that grows with the rounds.
 *
 * <p>Usage: {@code SoakBench INVENTORY ROUNDS OUTDIR}. Run by {@code bench/soak/run.sh}.
 */
public final class SoakBench {
  private SoakBench() {}

  record Sample(int round, int exit, long millis, int threads, long fds, long heapKiB) {
    String row() {
      return String.format(
          "| %d | %d | %.1f | %d | %d | %d |", round, exit, millis / 1000.0, threads, fds, heapKiB);
    }
  }

  public static void main(String[] args) throws Exception {
    Path inventory = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    List<Sample> samples = new ArrayList<>();
    samples.add(sample(0, 0, 0));
    System.out.println("| round | exit | wall s | threads | open fds | heap after GC KiB |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.println(samples.get(0).row());
    for (int r = 1; r <= rounds; r++) {
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      long t0 = System.nanoTime();
      int code =
          Main.run(
              new String[] {
                "scan",
                "-i",
                inventory.toString(),
                "--no-probe",
                "--format",
                "json,csv",
                "-o",
                out.resolve("report").toString(),
                "--save-snapshots",
                out.resolve("snapshots").toString()
              },
              new PrintWriter(o, true),
              new PrintWriter(e, true));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (code > 3) {
        throw new IllegalStateException("round " + r + " failed with exit " + code + ": " + e);
      }
      Sample s = sample(r, code, ms);
      samples.add(s);
      System.out.println(s.row());
    }
    Sample first = samples.get(1);
    Sample last = samples.get(samples.size() - 1);
    System.out.printf(
        "after round 1 -> after round %d: threads %d -> %d, fds %d -> %d, heap %d -> %d KiB%n",
        last.round(),
        first.threads(),
        last.threads(),
        first.fds(),
        last.fds(),
        first.heapKiB(),
        last.heapKiB());
  }

  static Sample sample(int round, int exit, long millis) throws IOException, InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long fds;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      fds = s.count();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    return new Sample(round, exit, millis, threads, fds, heap);
  }
}
