package io.auditgap.transport;

import io.auditgap.text.TerminalText;
import java.io.EOFException;
import java.net.SocketException;
import java.time.Duration;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;

/** Small helpers for one-line, secret-free failure messages. */
final class Failures {
  private Failures() {}

  /** The first cause of type {@code type} in the cause chain, or null. */
  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  static boolean has(Throwable t, Class<? extends Throwable> type) {
    return find(t, type) != null;
  }

  /**
   * Whether an sshj failure says the peer or the network ended the connection: a disconnect reason,
   * the reader's EOF, or a socket that is closed, reset or broken (sshj reports a write on a socket
   * its dying reader has just closed as "Socket closed").
   */
  static boolean connectionLost(Throwable t) {
    SSHException sshe = find(t, SSHException.class);
    return sshe != null
        && (sshe.getDisconnectReason() != DisconnectReason.UNKNOWN
            || String.valueOf(sshe.getMessage()).contains("EOF")
            || has(t, SocketException.class)
            || has(t, EOFException.class));
  }

  /** The exception's message (or class name), one line, printable, at most 200 characters. */
  static String oneLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = t.getCause();
      m = c != null && c.getMessage() != null ? c.getMessage() : t.getClass().getSimpleName();
    }
    return clean(m, 200);
  }

  /** One line: line breaks become spaces, anything else a terminal acts on is neutralised. */
  static String clean(String s, int max) {
    return TerminalText.line(s.replaceAll("[\\r\\n\\t]+", " "), max);
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
  }
}
