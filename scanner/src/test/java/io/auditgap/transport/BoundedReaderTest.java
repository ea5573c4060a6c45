package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedReaderTest {
  private static final byte[] END = "@@n0nce end ".getBytes(StandardCharsets.US_ASCII);

  @Test
  void watchedLineIsSeenAcrossReadBoundariesOnlyOnceItsNewlineArrived() throws Exception {
    PipedOutputStream w = new PipedOutputStream();
    PipedInputStream r = new PipedInputStream(w, 1 << 16);
    BoundedReader reader = new BoundedReader(1 << 20, END);
    Thread t = new Thread(() -> reader.drain(r));
    t.setDaemon(true);
    t.start();
    for (String part : new String[] {"data\n@@n0", "nce e", "nd 3 12"}) {
      w.write(part.getBytes(StandardCharsets.US_ASCII));
      w.flush();
      assertFalse(watched(reader), "seen before its line was complete, after: " + part);
    }
    w.write('\n');
    w.flush();
    reader.awaitWatched(TimeUnit.SECONDS.toNanos(30));
    assertTrue(reader.watchedSeen());
    w.close();
    t.join(5000);
    assertArrayEquals(
        "data\n@@n0nce end 3 12\n".getBytes(StandardCharsets.US_ASCII), reader.bytes());
  }

  @Test
  void endOfStreamReleasesTheWaiterWithoutTheWatchedLine() {
    BoundedReader reader = new BoundedReader(1 << 20, END);
    reader.drain(InputStream.nullInputStream());
    assertTrue(reader.reachedEof());
    long t0 = System.nanoTime();
    reader.awaitWatched(TimeUnit.SECONDS.toNanos(30));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void aStreamErrorKeepsWhatWasRead() {
    BoundedReader reader = new BoundedReader(1 << 20);
    reader.drain(
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ < 3) {
              return 'x';
            }
            throw new IOException("channel closed");
          }
        });
    assertFalse(reader.reachedEof());
    assertArrayEquals("xxx".getBytes(StandardCharsets.US_ASCII), reader.bytes());
  }

  /** Whether the watched line has been read within a moment (used only where it must not be). */
  private static boolean watched(BoundedReader reader) throws InterruptedException {
    // The pipe hands bytes over asynchronously; give the reader thread a moment.
    for (int i = 0; i < 50; i++) {
      if (reader.watchedSeen()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
