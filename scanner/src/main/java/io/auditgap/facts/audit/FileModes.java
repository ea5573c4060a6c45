package io.auditgap.facts.audit;

import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Modes and owners of the audit logs, configuration and tools ({@code audit.file-permissions}),
 * from {@code stat -c '%a %U %G %F %n'}. A path stat could not reach (permission denied, an
 * unexpanded {@code audit.log*} glob behind an unreadable directory) is kept as an error, never
 * dropped.
 *
 * @param files path → mode and owner
 * @param errors path → stat's reason ({@code Permission denied}, {@code No such file or directory})
 */
public record FileModes(Map<String, FileMode> files, Map<String, String> errors) {
  public static final String COMMAND = "stat audit files";
  public static final List<String> PATHS =
      List.of(
          "/var/log/audit",
          "/var/log/audit/audit.log*",
          "/etc/audit/auditd.conf",
          "/etc/audit/audit.rules",
          "/etc/audit/rules.d/*.rules",
          "/sbin/auditctl",
          "/sbin/aureport",
          "/sbin/ausearch",
          "/sbin/autrace",
          "/sbin/auditd",
          "/sbin/augenrules");

  public static final CollectionItem.Command STAT =
      CollectionItem.Command.quick(
          COMMAND,
          // one stat for every path: it reports each path (or its error) and goes on
          "stat -c '%a %U %G %F %n' " + String.join(" ", PATHS) + " 2>&1; return 0");

  public static final FactKey<Observed<FileModes>> MODES =
      FactKey.ofCommand("audit-file-modes", STAT, i -> parse(i.text()));

  private static final Pattern LINE = Pattern.compile("([0-7]{3,4}) (\\S+) (\\S+) (.+)");
  private static final Pattern ERROR =
      Pattern.compile("stat: cannot stat(?:x)? '(.*)': (.*)|stat: cannot stat(?:x)? (\\S+): (.*)");
  private static final List<String> TYPES =
      List.of(
          "regular empty file",
          "regular file",
          "directory",
          "symbolic link",
          "fifo",
          "socket",
          "character special file",
          "block special file");

  /** One {@code stat} line. */
  public record FileMode(int mode, String owner, String group, String type, String path) {
    public String octal() {
      return String.format("%04o", mode);
    }
  }

  public FileModes {
    // In stat's order: Map.copyOf would iterate in a per-JVM random order, and the evidence and
    // the reason listing these files would differ between two scans of the same host.
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  public static FileModes parse(String text) {
    Map<String, FileMode> files = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    if (text == null) {
      return new FileModes(files, errors);
    }
    for (String line : text.split("\n")) {
      Matcher e = ERROR.matcher(line.strip());
      if (e.matches()) {
        String p = e.group(1) != null ? e.group(1) : e.group(3);
        errors.put(p, e.group(1) != null ? e.group(2) : e.group(4));
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(4);
      for (String t : TYPES) {
        if (rest.startsWith(t + " ")) {
          String path = rest.substring(t.length() + 1);
          files.put(
              path, new FileMode(Integer.parseInt(m.group(1), 8), m.group(2), m.group(3), t, path));
          break;
        }
      }
    }
    return new FileModes(files, errors);
  }

  /** stat's reason for a path that could not be reached other than by not existing. */
  public boolean denied(String path) {
    String e = errors.get(path);
    return e != null && !e.startsWith("No such file");
  }
}
