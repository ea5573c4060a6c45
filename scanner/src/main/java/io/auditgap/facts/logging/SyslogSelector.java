package io.auditgap.facts.logging;

import java.util.Locale;

/**
 * A sysklogd/rsyslog selector such as {@code *.*;auth,authpriv.none} or {@code authpriv.=info}:
 * terms joined by {@code ;} are applied left to right, each setting or clearing severities for its
 * facilities, so a later {@code auth,authpriv.none} removes what an earlier {@code *.*} added.
 *
 * @param text the selector as written
 * @param valid false when a term names an unknown facility or severity (rsyslog rejects the line)
 */
public record SyslogSelector(String text, boolean[][] mask, boolean valid) {
  private static final int FACILITIES = 24;

  /** Parses a selector; never throws. */
  public static SyslogSelector parse(String text) {
    boolean[][] mask = new boolean[FACILITIES][8];
    boolean valid = !text.isBlank();
    for (String term : text.split(";")) {
      String t = term.strip().toLowerCase(Locale.ROOT);
      int dot = t.lastIndexOf('.');
      if (dot <= 0 || dot == t.length() - 1) {
        valid = false;
        continue;
      }
      String prio = t.substring(dot + 1);
      boolean negate = prio.startsWith("!");
      if (negate) {
        prio = prio.substring(1);
      }
      boolean exact = prio.startsWith("=");
      if (exact) {
        prio = prio.substring(1);
      }
      int sev;
      if (prio.equals("*")) {
        sev = 7;
      } else if (prio.equals("none")) {
        sev = -1;
      } else {
        sev = SyslogPriority.severity(prio);
        if (sev < 0) {
          valid = false;
          continue;
        }
      }
      for (String fac : t.substring(0, dot).split(",")) {
        String f = fac.strip();
        int lo;
        int hi;
        if (f.equals("*")) {
          lo = 0;
          hi = FACILITIES - 1;
        } else {
          int n = SyslogPriority.facility(f);
          if (n < 0) {
            valid = false;
            continue;
          }
          lo = n;
          hi = n;
        }
        for (int i = lo; i <= hi; i++) {
          apply(mask[i], sev, negate, exact, prio.equals("*"));
        }
      }
    }
    return new SyslogSelector(text.strip(), mask, valid);
  }

  private static void apply(boolean[] m, int sev, boolean negate, boolean exact, boolean all) {
    if (sev < 0) {
      java.util.Arrays.fill(m, false);
      return;
    }
    for (int s = 0; s < 8; s++) {
      boolean hit = exact ? s == sev : s <= sev || all;
      if (hit) {
        m[s] = !negate;
      }
    }
  }

  public boolean matches(SyslogPriority.Priority p) {
    return valid
        && p.facility() >= 0
        && p.facility() < FACILITIES
        && p.severity() >= 0
        && p.severity() < 8
        && mask[p.facility()][p.severity()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyslogSelector s && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
