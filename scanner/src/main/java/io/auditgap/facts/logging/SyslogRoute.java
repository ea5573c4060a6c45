package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.Locale;

/**
 * One rsyslog rule in the sysklogd-compatible form {@code selector action}.
 *
 * @param selector e.g. {@code auth,authpriv.*} or {@code *.*;auth,authpriv.none}
 * @param action e.g. {@code /var/log/auth.log}, {@code -/var/log/syslog}, {@code @@host:514},
 *     {@code action(type="omfile" ...)}
 * @param at where the rule is written, as written
 */
public record SyslogRoute(String selector, String action, SourceLine at) {

  /**
   * Whether the rule passes messages of {@code facility} (at some priority): terms are read left to
   * right, a later {@code none} for the facility removes it.
   */
  public boolean selects(String facility) {
    String fac = facility.toLowerCase(Locale.ROOT);
    boolean selected = false;
    for (String term : selector.toLowerCase(Locale.ROOT).split(";")) {
      int dot = term.lastIndexOf('.');
      if (dot <= 0) {
        continue;
      }
      String prio = term.substring(dot + 1).strip();
      boolean named = false;
      for (String f : term.substring(0, dot).split(",")) {
        String n = f.strip();
        if (n.equals(fac) || n.equals("*")) {
          named = true;
        }
      }
      if (named) {
        selected = !prio.equals("none");
      }
    }
    return selected;
  }

  /** A file, a remote host or an output module: somewhere the message is kept. */
  public boolean stores() {
    String a = action.strip();
    return a.startsWith("/")
        || a.startsWith("-/")
        || a.startsWith("@")
        || a.startsWith(":omrelp:")
        || a.contains("omfile")
        || a.contains("omfwd")
        || a.contains("omrelp");
  }
}
