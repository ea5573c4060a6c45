package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import io.auditgap.inventory.HostSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs commands on the machine auditgap runs on, through {@code /bin/sh -c}. */
public final class LocalTransport implements Transport {

  @Override
  public Connection open(HostSpec host, Duration timeout) {
    return new LocalConnection();
  }

  private static final class LocalConnection implements Connection {
    private int execs;

    // watchedLine is never called: a local command's end costs no round trip to wait out.
    @Override
    public ExecResult exec(
        String command,
        byte[] stdin,
        byte[] closeStdinAfter,
        Predicate<byte[]> watchedLine,
        long maxStdout,
        Duration timeout)
        throws TransportException {
      long deadline = System.nanoTime() + timeout.toNanos();
      execs++;
      Process p;
      try {
        p = new ProcessBuilder("/bin/sh", "-c", command).start();
      } catch (IOException e) {
        throw new TransportException(
            TransportFailure.ERROR, "cannot start /bin/sh: " + e.getMessage(), e);
      }
      BoundedReader out = new BoundedReader(maxStdout, closeStdinAfter);
      BoundedReader err = new BoundedReader(8192);
      Thread outT = daemon(() -> out.drain(p.getInputStream()));
      Thread errT = daemon(() -> err.drain(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
        in.flush();
        if (closeStdinAfter != null) {
          out.awaitWatched(deadline - System.nanoTime());
        }
      } catch (IOException e) {
        // The command exited without reading all of stdin; its output tells why.
      }
      boolean finished;
      try {
        outT.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (out.truncated()) {
          p.destroyForcibly();
        }
        finished = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!finished) {
          p.destroyForcibly();
        }
        outT.join(1000);
        errT.join(1000);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new TransportException(TransportFailure.DEADLINE, "interrupted");
      }
      Integer exit = finished && !out.truncated() ? p.exitValue() : null;
      return new ExecResult(
          out.bytes(),
          out.truncated(),
          new String(err.bytes(), StandardCharsets.UTF_8),
          exit,
          !finished,
          false);
    }

    private static Thread daemon(Runnable r) {
      return DaemonThreads.start("auditgap-local-exec-reader", r);
    }

    @Override
    public String hostKeyFingerprint() {
      return null;
    }

    @Override
    public int execCount() {
      return execs;
    }

    @Override
    public void close() {}
  }
}
