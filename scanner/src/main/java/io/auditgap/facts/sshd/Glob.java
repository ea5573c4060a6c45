package io.auditgap.facts.sshd;

/**
 * fnmatch-style matching of one path component, as glob(3) does for an Include: {@code *}, {@code
 * ?}, {@code [...]} (with {@code !} or {@code ^} negation and ranges); a leading dot must be
 * matched explicitly.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String name) {
    if (name.startsWith(".") && !pattern.startsWith(".")) {
      return false;
    }
    return match(pattern, 0, name, 0);
  }

  // iterative with one backtrack point: linear in practice, no blow-up on hostile patterns
  private static boolean match(String p, int pi, String s, int si) {
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      int next = pi < p.length() ? step(p, pi, s.charAt(si)) : -1;
      if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (next >= 0) {
        pi = next;
        si++;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /** The pattern index after matching {@code ch} at {@code pi}, or -1 when it does not match. */
  private static int step(String p, int pi, char ch) {
    char c = p.charAt(pi);
    if (c == '*') {
      return -1;
    }
    if (c == '?') {
      return pi + 1;
    }
    if (c == '[') {
      int end = p.indexOf(']', pi + 2);
      if (end < 0) {
        return ch == '[' ? pi + 1 : -1;
      }
      String set = p.substring(pi + 1, end);
      boolean negate = set.startsWith("!") || set.startsWith("^");
      if (negate) {
        set = set.substring(1);
      }
      return inSet(set, ch) != negate ? end + 1 : -1;
    }
    return c == ch ? pi + 1 : -1;
  }

  private static boolean inSet(String set, char ch) {
    for (int i = 0; i < set.length(); i++) {
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        if (ch >= set.charAt(i) && ch <= set.charAt(i + 2)) {
          return true;
        }
        i += 2;
      } else if (set.charAt(i) == ch) {
        return true;
      }
    }
    return false;
  }
}
