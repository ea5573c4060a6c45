package io.auditgap.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * JSON's own escapes plus {@code \\uXXXX} for DEL, C1 controls, Unicode format characters (bidi
 * overrides, zero-width, BOM), line/paragraph separators and surrogates. Host text is untrusted: so
 * escaped, a written file is safe to {@code cat} to a terminal and still parses back to exactly the
 * same strings.
 */
final class TerminalSafeEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] ascii;

  TerminalSafeEscapes() {
    ascii = CharacterEscapes.standardAsciiEscapesForJSON();
    ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if ((ch >= 0x80 && ch <= 0x9f) || Character.isSurrogate((char) ch) || unsafe(ch)) {
      return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
    }
    return null;
  }

  private static boolean unsafe(int ch) {
    int type = Character.getType(ch);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.CONTROL;
  }
}
