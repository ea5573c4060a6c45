package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sysklogd-compatible rules of rsyslog's configuration: {@code /etc/rsyslog.conf} then the
 * {@code /etc/rsyslog.d/*.conf} files in name order (Debian and RHEL include them that way).
 * RainerScript {@code if} filters are not evaluated; only selector lines are read, which is where
 * every shipped and hardening-role facility route lives.
 */
public record SyslogRoutes(List<SyslogRoute> routes) {
  private static final Pattern SELECTOR =
      Pattern.compile(
          "^([a-zA-Z0-9*,]+\\.[!=]?[a-zA-Z*]+(;[a-zA-Z0-9*,]+\\.[!=]?[a-zA-Z*]+)*)\\s+(.+)$");

  public SyslogRoutes {
    routes = List.copyOf(routes);
  }

  /** Parses one file's text and appends its rules. */
  public static List<SyslogRoute> parse(String file, String text) {
    List<SyslogRoute> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith("$")) {
        continue;
      }
      java.util.regex.Matcher m = SELECTOR.matcher(l);
      if (m.matches()) {
        out.add(new SyslogRoute(m.group(1), m.group(3).strip(), new SourceLine(file, i + 1, l)));
      }
    }
    return out;
  }

  /** The first rule that keeps messages of {@code facility}, if any. */
  public Optional<SyslogRoute> storing(String facility) {
    return routes.stream().filter(r -> r.selects(facility) && r.stores()).findFirst();
  }
}
