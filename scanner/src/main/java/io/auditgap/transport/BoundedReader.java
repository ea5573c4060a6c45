package io.auditgap.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream up to a byte limit; remembers whether more was offered. */
final class BoundedReader {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final long limit;
  private volatile boolean truncated;

  BoundedReader(long limit) {
    this.limit = limit;
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
        }
      }
    } catch (IOException e) {
      // The stream closed under us (deadline or disconnect); what was read is kept.
    }
  }

  synchronized byte[] bytes() {
    return out.toByteArray();
  }

  boolean truncated() {
    return truncated;
  }
}
