package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.text.TerminalText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  /** No char a terminal or a page could act on, other than LF and TAB in block mode. */
  static void assertInert(String s, boolean multiline) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (multiline && (c == '\n' || c == '\t')) {
        continue;
      }
      assertFalse(
          c < 0x20 || (c >= 0x7f && c <= 0x9f),
          () -> "control char U+" + Integer.toHexString(c) + " in: " + s);
      assertFalse(
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069),
          () -> "bidi char U+" + Integer.toHexString(c) + " in: " + s);
      assertFalse(Character.isSurrogate(c) && !validPair(s, i), "lone surrogate");
    }
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  @Test
  void escapesC0AndC1ControlsVisibly() {
    assertEquals(
        "\\x1b[2J\\x1b]0;pwned\\x07", TerminalText.line("\u001b[2J\u001b]0;pwned\u0007", 100));
    assertEquals("a\\x00b\\x08c\\x7fd\\x9be", TerminalText.line("a\u0000b\bc\u007fd\u009be", 100));
  }

  @Test
  void escapesEveryBidiControl() {
    for (int cp = 0x202a; cp <= 0x202e; cp++) {
      String out = TerminalText.line("x" + (char) cp + "y", 100);
      assertEquals("x\\u" + Integer.toHexString(cp).toUpperCase() + "y", out);
    }
    for (int cp = 0x2066; cp <= 0x2069; cp++) {
      assertInert(TerminalText.block("x" + (char) cp + "y", 100), true);
    }
    assertEquals("\\u200Ex\\uFEFF", TerminalText.line("\u200ex\ufeff", 100));
  }

  @Test
  void lineModeNeutralisesLineBreaksAndTabs() {
    assertEquals("a\\nb\\rc d", TerminalText.line("  a\nb\rc\td \n", 100));
  }

  @Test
  void blockModeKeepsLinesAndTabsButNotCarriageReturns() {
    assertEquals("a\n\tb\nc\\rd", TerminalText.block("a\r\n\tb\nc\rd", 100));
  }

  @Test
  void keepsOrdinaryUnicode() {
    assertEquals("héllo 日本 \uD83D\uDE00", TerminalText.line("héllo 日本 \uD83D\uDE00", 100));
  }

  @Test
  void escapesLoneSurrogates() {
    String out = TerminalText.line("a\uD800b\uDC00", 100);
    assertEquals("a\\uD800b\\uDC00", out);
    assertInert(out, false);
  }

  @Test
  void capsLengthWithMarkerAndNeverSplitsAnEscapeOrPair() {
    assertEquals("abc ...[+3 chars]", TerminalText.line("abcdef", 3));
    TerminalText.Clipped c = TerminalText.clip("ab\u001bcd", 5, false);
    assertEquals("ab", c.text());
    assertEquals(3, c.omittedChars());
    TerminalText.Clipped p = TerminalText.clip("a\uD83D\uDE00", 2, false);
    assertEquals("a", p.text());
    assertEquals(2, p.omittedChars());
    assertFalse(TerminalText.clip("abc", 3, false).truncated());
  }

  @Test
  void nullAndEmptyAreEmpty() {
    assertEquals("", TerminalText.line(null, 10));
    assertEquals("", TerminalText.block(null, 10));
    assertEquals("", TerminalText.line("", 10));
    assertThrows(IllegalArgumentException.class, () -> TerminalText.clip("x", -1, false));
  }

  @Test
  void hostileTextIsInertInBothModes() {
    assertInert(TerminalText.line(ReportFixtures.ALL, 10_000), false);
    assertInert(TerminalText.block(ReportFixtures.ALL, 10_000), true);
    assertTrue(TerminalText.line(ReportFixtures.ALL, 10_000).contains("<script>"));
  }

  @Test
  void costIsBoundedByTheCapNotTheInput() {
    String huge = ReportFixtures.hugeText();
    String out =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              String last = null;
              for (int i = 0; i < 1_000; i++) {
                last = TerminalText.block(huge, 4096);
              }
              return last;
            });
    assertTrue(out.length() < 4096 + 40, "length " + out.length());
    assertTrue(out.endsWith(" chars]"));
    assertInert(out, true);
  }

  @Test
  void isUnsafeMatchesTheEscapes() {
    assertTrue(TerminalText.isUnsafe(0x1b));
    assertTrue(TerminalText.isUnsafe(0x202e));
    assertFalse(TerminalText.isUnsafe('a'));
    assertFalse(TerminalText.isUnsafe('\n'));
  }
}
