package io.auditgap.text;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Shell-style pattern matching, one implementation for every dialect the scanned configuration and
 * auditgap's own inputs use: {@code *} any run, {@code ?} one character, and with flags bracket
 * expressions, backslash quoting, explicit leading dots and {@code /} that only a {@code /}
 * matches. Iterative with one backtrack point, so a hostile pattern cannot blow the stack or take
 * exponential time.
 */
public final class Glob {
  /** What a dialect adds to {@code *} and {@code ?}. */
  public enum Flag {
    /**
     * {@code [...]} with ranges and {@code !}/{@code ^} negation; an unclosed {@code [} is literal.
     */
    BRACKETS,
    /** A backslash quotes the next character (fnmatch without FNM_NOESCAPE). */
    ESCAPE,
    /** A leading dot is matched only by a leading dot in the pattern (glob(3), FNM_PERIOD). */
    PERIOD,
    /** Wildcards never match {@code /} (FNM_PATHNAME). */
    PATHNAME,
    /** Letters match in either case (ssh_config host names). */
    IGNORE_CASE
  }

  /** Only {@code *} and {@code ?}: sshd Match and ssh_config Host patterns, names and check ids. */
  public static final Set<Flag> WILDCARDS = Set.of();

  /** fnmatch(3) with flags 0, as PAM modules call it (pam_tty_audit, pam_succeed_if). */
  public static final Set<Flag> FNMATCH = Set.of(Flag.BRACKETS, Flag.ESCAPE);

  /** One path component as glob(3) matches it for an sshd {@code Include}. */
  public static final Set<Flag> FILE_NAME = Set.of(Flag.BRACKETS, Flag.PERIOD);

  /** The last component of an rsyslog or syslog-ng include glob. */
  public static final Set<Flag> INCLUDE = Set.of(Flag.BRACKETS, Flag.PATHNAME);

  private Glob() {}

  /** Whether {@code pattern} matches the whole of {@code text} in the dialect {@code flags}. */
  public static boolean matches(String pattern, String text, Set<Flag> flags) {
    Set<Flag> f = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    if (f.contains(Flag.IGNORE_CASE)) {
      pattern = pattern.toLowerCase(Locale.ROOT);
      text = text.toLowerCase(Locale.ROOT);
    }
    if (f.contains(Flag.PERIOD) && text.startsWith(".") && !pattern.startsWith(".")) {
      return false;
    }
    boolean pathname = f.contains(Flag.PATHNAME);
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length()) {
        if (pattern.charAt(p) == '*') {
          starP = p++;
          starT = t;
          continue;
        }
        int consumed = single(pattern, p, text.charAt(t), f);
        if (consumed > 0) {
          p += consumed;
          t++;
          continue;
        }
      }
      if (starP >= 0 && !(pathname && text.charAt(starT) == '/')) {
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
  private static int single(String pat, int p, char ch, Set<Flag> f) {
    char c = pat.charAt(p);
    boolean wild = c == '?' || (c == '[' && f.contains(Flag.BRACKETS));
    if (wild && ch == '/' && f.contains(Flag.PATHNAME)) {
      return 0;
    }
    if (c == '?') {
      return 1;
    }
    if (c == '\\' && f.contains(Flag.ESCAPE)) {
      if (p + 1 < pat.length()) {
        return pat.charAt(p + 1) == ch ? 2 : 0;
      }
      return ch == '\\' ? 1 : 0;
    }
    if (c == '[' && f.contains(Flag.BRACKETS)) {
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
    int end = pat.indexOf(']', i);
    return end;
  }

  private static boolean bracketMatches(String pat, int from, int end, char ch) {
    boolean negate = false;
    int i = from;
    if (pat.charAt(i) == '!' || pat.charAt(i) == '^') {
      negate = true;
      i++;
    }
    boolean hit = false;
    while (i < end) {
      char lo = pat.charAt(i);
      if (i + 2 < end && pat.charAt(i + 1) == '-') {
        hit |= lo <= ch && ch <= pat.charAt(i + 2);
        i += 3;
      } else {
        hit |= lo == ch;
        i++;
      }
    }
    return hit != negate;
  }
}
