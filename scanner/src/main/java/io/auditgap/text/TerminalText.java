package io.auditgap.text;

import java.util.Locale;

/**
 * Neutralises untrusted, host-provided text before it is shown on a terminal or a page, written to
 * a report or kept in a message: the one sanitizer every layer uses.
 *
 * <p>Every character that could change how the surrounding output is displayed is replaced by a
 * visible, inert escape: C0 and C1 control characters (ESC, CSI, CR, BEL, backspace, NUL, DEL, ...)
 * become {@code \xHH}; Unicode format characters (bidi embeddings, overrides and isolates U+202A to
 * U+202E and U+2066 to U+2069, marks, zero-width characters, BOM, ...), line and paragraph
 * separators and unpaired surrogates become {@code \\uHHHH} (or {@code \\u{HHHHH}} above the BMP).
 * Text is capped; the work done is bounded by the cap, not by the input size, so megabytes of input
 * cost no more than the cap.
 */
public final class TerminalText {
  /** Default cap for names, addresses and other one-line identifiers. */
  public static final int NAME_MAX = 120;

  /** Characters of a long line kept whole (a host's reason with its fix command). */
  public static final int TEXT_MAX = 2_000;

  /** Default cap for one-line reasons and notes. */
  public static final int LINE_MAX = 1_000;

  private TerminalText() {}

  /** Result of {@link #clip}: the neutralised text and how many input chars were left out. */
  public record Clipped(String text, int omittedChars) {
    public boolean truncated() {
      return omittedChars > 0;
    }
  }

  /**
   * One line of text: line breaks and tabs are neutralised as well ({@code \n} and {@code \r} shown
   * escaped, tab as a space), surrounding whitespace is trimmed, and a {@code ...[+N chars]} marker
   * is appended when the text was cut. Null becomes the empty string.
   */
  public static String line(String text, int maxChars) {
    return withMarker(clip(text == null ? "" : text.strip(), maxChars, false));
  }

  /** {@link #line(String, int)} with {@link #LINE_MAX}. */
  public static String line(String text) {
    return line(text, LINE_MAX);
  }

  /**
   * A block of text: keeps line feeds and tabs, turns CR LF into LF, neutralises everything else
   * like {@link #line}, and appends a marker when the text was cut.
   */
  public static String block(String text, int maxChars) {
    return withMarker(clip(text == null ? "" : text, maxChars, true));
  }

  /**
   * Neutralises {@code text} and keeps at most about {@code maxChars} output chars (an escape is
   * never split; a surrogate pair is never split).
   *
   * @param multiline keep {@code \n} and {@code \t} as they are
   */
  public static Clipped clip(String text, int maxChars, boolean multiline) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars < 0");
    }
    if (text == null || text.isEmpty()) {
      return new Clipped("", 0);
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int cp;
      int width;
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        width = 2;
      } else {
        cp = c;
        width = 1;
      }
      String piece = piece(cp, multiline, text, i);
      if (piece == null) {
        if (out.length() + width > maxChars) {
          break;
        }
        out.appendCodePoint(cp);
      } else {
        if (out.length() + piece.length() > maxChars) {
          break;
        }
        out.append(piece);
      }
      i += width;
    }
    return new Clipped(out.toString(), n - i);
  }

  /**
   * Printable ASCII only, for values a protocol defines as ASCII (an SSH identification string,
   * authentication method names): any other character becomes {@code ?}, and at most {@code max}
   * characters are kept ({@code ...} marks a cut). Null stays null.
   */
  public static String ascii(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && sb.length() < max; i++) {
      char c = text.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > max && max > 3) {
      sb.setLength(max - 3);
      sb.append("...");
    }
    return sb.toString();
  }

  /** True when {@code c} would be shown escaped in multi-line text. */
  public static boolean isUnsafe(int c) {
    return piece(c, true, "", 0) != null;
  }

  /** The replacement for one code point, or null when it is shown as it is. */
  private static String piece(int cp, boolean multiline, String text, int index) {
    if (cp == '\n') {
      return multiline ? null : "\\n";
    }
    if (cp == '\t') {
      return multiline ? null : " ";
    }
    if (cp == '\r') {
      if (multiline && index + 1 < text.length() && text.charAt(index + 1) == '\n') {
        return "";
      }
      return "\\r";
    }
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      return "\\x" + hex(cp, 2).toLowerCase(Locale.ROOT);
    }
    if (cp < 0xa0) {
      return null;
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || type == Character.CONTROL
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED) {
      return cp > 0xffff ? "\\u{" + hex(cp, 1) + "}" : "\\u" + hex(cp, 4);
    }
    return null;
  }

  private static String hex(int cp, int digits) {
    String h = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
    return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
  }

  private static String withMarker(Clipped c) {
    return c.truncated() ? c.text() + " ...[+" + c.omittedChars() + " chars]" : c.text();
  }
}
