package io.auditgap.probe;

import io.auditgap.text.TerminalText;
import java.nio.charset.StandardCharsets;

/**
 * Finds the SSH identification string (RFC 4253 §4.2) in the first bytes a server sent. Servers may
 * send other lines before it; the identification line starts with {@code SSH-} and ends with LF (CR
 * LF in the RFC; a bare LF is accepted, as OpenSSH does).
 */
final class SshIdent {
  /** RFC 4253: at most 255 characters including CR LF. */
  static final int MAX_BANNER = 255;

  /** How many bytes are read looking for the identification before giving up. */
  static final int MAX_GREETING = 4096;

  /** State of the search in {@code bytes[0..length)}. */
  enum Scan {
    /** An identification line is complete. */
    FOUND,
    /** Not found yet; more bytes may complete it. */
    MORE,
    /** Cannot be SSH (too many bytes, or a NUL before an identification). */
    NOT_SSH
  }

  /**
   * @param protoVersion {@code 2.0}, {@code 1.99}, {@code 1.5}
   * @param software the software-version field, sanitized
   * @param line the whole identification line without CR LF, sanitized and capped
   * @param consumed bytes up to and including the line's LF
   */
  record Ident(String protoVersion, String software, String line, int consumed) {
    /** SSH-2.0 and the compatible 1.99 can answer the {@code none} authentication request. */
    boolean speaksSsh2() {
      return "2.0".equals(protoVersion) || "1.99".equals(protoVersion);
    }
  }

  private SshIdent() {}

  static Scan scan(byte[] bytes, int length) {
    return parse(bytes, length) != null
        ? Scan.FOUND
        : (length >= MAX_GREETING || hasNulBeforeIdent(bytes, length)) ? Scan.NOT_SSH : Scan.MORE;
  }

  private static boolean hasNulBeforeIdent(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** The identification line in {@code bytes[0..length)}, or null when none is complete. */
  static Ident parse(byte[] bytes, int length) {
    int start = 0;
    while (start < length) {
      int lf = -1;
      for (int i = start; i < length; i++) {
        if (bytes[i] == '\n') {
          lf = i;
          break;
        }
      }
      if (lf < 0) {
        return null;
      }
      int end = lf > start && bytes[lf - 1] == '\r' ? lf - 1 : lf;
      if (end - start >= 4
          && bytes[start] == 'S'
          && bytes[start + 1] == 'S'
          && bytes[start + 2] == 'H'
          && bytes[start + 3] == '-') {
        String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        return fromLine(line, lf + 1);
      }
      start = lf + 1;
    }
    return null;
  }

  private static Ident fromLine(String raw, int consumed) {
    // SSH-protoversion-softwareversion SP comments
    String rest = raw.substring(4);
    int dash = rest.indexOf('-');
    String proto = dash < 0 ? rest : rest.substring(0, dash);
    String softwareAndComments = dash < 0 ? "" : rest.substring(dash + 1);
    int sp = softwareAndComments.indexOf(' ');
    String software = sp < 0 ? softwareAndComments : softwareAndComments.substring(0, sp);
    return new Ident(
        TerminalText.ascii(proto, 16),
        TerminalText.ascii(software, MAX_BANNER),
        TerminalText.ascii(raw, MAX_BANNER),
        consumed);
  }

  /** First line (or first bytes) of a non-SSH greeting, sanitized, for evidence; null if empty. */
  static String excerpt(byte[] bytes, int length) {
    if (length <= 0) {
      return null;
    }
    int n = Math.min(length, 80);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == '\n') {
        n = i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
        break;
      }
    }
    return TerminalText.ascii(new String(bytes, 0, n, StandardCharsets.ISO_8859_1), 80);
  }
}
