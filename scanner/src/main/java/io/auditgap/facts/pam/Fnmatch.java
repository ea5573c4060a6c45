package io.auditgap.facts.pam;

/**
 * POSIX fnmatch(3) with flags 0, as pam_tty_audit calls it: {@code *} and {@code ?} match any
 * character including {@code /} and a leading dot, {@code [...]} bracket expressions with ranges
 * and {@code !}/{@code ^} negation, backslash quotes the next character. Iterative, so hostile
 * patterns cannot blow the stack.
 */
public final class Fnmatch {
  private Fnmatch() {}

  public static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          starP = p++;
          starT = t;
          continue;
        }
        int consumed = single(pattern, p, text.charAt(t));
        if (consumed > 0) {
          p += consumed;
          t++;
          continue;
        }
      }
      if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
        continue;
      }
      return false;
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** Pattern characters consumed when the element at p matches ch, or 0 when it does not. */
  private static int single(String pat, int p, char ch) {
    char c = pat.charAt(p);
    if (c == '?') {
      return 1;
    }
    if (c == '\\') {
      if (p + 1 < pat.length()) {
        return pat.charAt(p + 1) == ch ? 2 : 0;
      }
      return ch == '\\' ? 1 : 0;
    }
    if (c == '[') {
      int end = bracketEnd(pat, p);
      if (end < 0) {
        return ch == '[' ? 1 : 0;
      }
      return bracketMatches(pat, p + 1, end, ch) ? end - p + 1 : 0;
    }
    return c == ch ? 1 : 0;
  }

  private static int bracketEnd(String pat, int open) {
    int i = open + 1;
    if (i < pat.length() && (pat.charAt(i) == '!' || pat.charAt(i) == '^')) {
      i++;
    }
    if (i < pat.length() && pat.charAt(i) == ']') {
      i++;
    }
    while (i < pat.length()) {
      if (pat.charAt(i) == ']') {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean bracketMatches(String pat, int from, int end, char ch) {
    boolean negate = false;
    int i = from;
    if (pat.charAt(i) == '!' || pat.charAt(i) == '^') {
      negate = true;
      i++;
    }
    boolean hit = false;
    boolean first = true;
    while (i < end) {
      char lo = pat.charAt(i);
      if (lo == ']' && !first) {
        break;
      }
      first = false;
      if (i + 2 < end && pat.charAt(i + 1) == '-') {
        char hi = pat.charAt(i + 2);
        if (lo <= ch && ch <= hi) {
          hit = true;
        }
        i += 3;
      } else {
        if (lo == ch) {
          hit = true;
        }
        i++;
      }
    }
    return hit != negate;
  }
}
