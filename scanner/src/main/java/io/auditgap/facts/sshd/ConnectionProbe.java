package io.auditgap.facts.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code sshd -T -C user=U,host=unknown,addr=203.0.113.1} result, as the collector frames it: a
 * header {@code == user=U exit=N}, then the kept setting lines, or the first lines of output when
 * sshd printed no settings.
 *
 * @param user the login name probed
 * @param dump sshd's answer for that connection
 */
public record ConnectionProbe(String user, SshdDump dump) {
  private static final Pattern HEADER = Pattern.compile("== user=(\\S+) exit=(\\d+)");
  private static final Pattern SAME = Pattern.compile("== user=(\\S+) as sshd -T");

  public Connection connection() {
    return Connection.genericRemote(user);
  }

  /** Parses the collector's framed output; lines before the first header are ignored. */
  public static List<ConnectionProbe> parseAll(String text) {
    return parseAll(text, null);
  }

  /** Whether some user's header says that {@code sshd -T}'s answer is theirs (no Match block). */
  public static boolean answeredBySshdT(String text) {
    for (String line : text.split("\n")) {
      if (SAME.matcher(line.strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses the collector's framed output; lines before the first header are ignored. A header
   * {@code == user=U as sshd -T} gives U {@code sshdT} (required then).
   */
  public static List<ConnectionProbe> parseAll(String text, SshdDump sshdT) {
    List<ConnectionProbe> out = new ArrayList<>();
    String user = null;
    int exit = 0;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n")) {
      Matcher same = SAME.matcher(line.strip());
      if (same.matches() && sshdT != null) {
        if (user != null) {
          out.add(new ConnectionProbe(user, SshdDump.parse(body.toString(), exit)));
        }
        user = null;
        out.add(new ConnectionProbe(same.group(1), sshdT));
        continue;
      }
      Matcher m = HEADER.matcher(line.strip());
      if (m.matches()) {
        if (user != null) {
          out.add(new ConnectionProbe(user, SshdDump.parse(body.toString(), exit)));
        }
        user = m.group(1);
        exit = parseExit(m.group(2));
        body.setLength(0);
      } else if (user != null) {
        body.append(line).append('\n');
      }
    }
    if (user != null) {
      out.add(new ConnectionProbe(user, SshdDump.parse(body.toString(), exit)));
    }
    return out;
  }

  private static int parseExit(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 255;
    }
  }

  static LinkedHashMap<String, ConnectionProbe> byUser(List<ConnectionProbe> probes) {
    LinkedHashMap<String, ConnectionProbe> m = new LinkedHashMap<>();
    for (ConnectionProbe p : probes) {
      m.putIfAbsent(p.user(), p);
    }
    return m;
  }
}
