package io.auditgap.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream up to a byte limit; remembers whether more was offered, and optionally signals
 * when a given line has been read in full (see {@link Connection#exec(String, byte[], byte[], long,
 * java.time.Duration)}).
 */
final class BoundedReader {
  private static final byte[] NEWLINE = {'\n'};
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final long limit;
  private final byte[] watch;
  private final CountDownLatch seen = new CountDownLatch(1);
  private byte[] tail = new byte[0];
  private boolean watchedSeen;
  private boolean watchedComplete;
  private volatile boolean truncated;
  private volatile boolean eof;

  BoundedReader(long limit) {
    this(limit, null);
  }

  /**
   * @param watch when non-null, {@link #awaitWatched} returns once the stream held {@code watch}
   *     followed (anywhere later) by a newline
   */
  BoundedReader(long limit, byte[] watch) {
    this.limit = limit;
    this.watch = watch == null || watch.length == 0 ? null : watch.clone();
  }

  /** Reads until EOF or the limit; returns normally on stream errors (the caller decides). */
  void drain(InputStream in) {
    byte[] buf = new byte[65536];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (this) {
          long room = limit - out.size();
          if (n > room) {
            out.write(buf, 0, (int) Math.max(0, room));
            truncated = true;
            return;
          }
          out.write(buf, 0, n);
          checkWatch(buf, n);
        }
      }
      eof = true;
    } catch (IOException e) {
      // The stream closed under us (deadline or disconnect); what was read is kept.
    } finally {
      seen.countDown();
    }
  }

  /** Looks for the watched bytes in the new chunk (plus the end of the previous one). */
  private void checkWatch(byte[] buf, int n) {
    if (watch == null || seen.getCount() == 0) {
      return;
    }
    if (watchedSeen) {
      if (indexOf(buf, n, NEWLINE, 0) >= 0) {
        watchedComplete = true;
        seen.countDown();
      }
      return;
    }
    byte[] window = new byte[tail.length + n];
    System.arraycopy(tail, 0, window, 0, tail.length);
    System.arraycopy(buf, 0, window, tail.length, n);
    int at = indexOf(window, window.length, watch, 0);
    if (at < 0) {
      int keep = Math.min(window.length, watch.length - 1);
      tail = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
      return;
    }
    watchedSeen = true;
    if (indexOf(window, window.length, NEWLINE, at + watch.length) >= 0) {
      watchedComplete = true;
      seen.countDown();
    }
  }

  /**
   * Waits until the watched line was read, the stream ended, or {@code nanos} passed.
   *
   * @return false when the wait was cut short by an interrupt
   */
  boolean awaitWatched(long nanos) {
    try {
      seen.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the watched line has been read in full. */
  synchronized boolean watchedSeen() {
    return watch != null && seen.getCount() == 0 && watchedComplete;
  }

  synchronized byte[] bytes() {
    return out.toByteArray();
  }

  boolean truncated() {
    return truncated;
  }

  /** Whether the stream reached its end (as opposed to the limit or an error). */
  boolean reachedEof() {
    return eof;
  }

  /** First index {@code >= from} of {@code needle} in {@code data[0, length)}, or -1. */
  private static int indexOf(byte[] data, int length, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
