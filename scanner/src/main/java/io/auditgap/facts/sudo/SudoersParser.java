package io.auditgap.facts.sudo;

import io.auditgap.facts.LogicalLine;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines of one sudoers file that matter here: {@code Defaults} in all its binding forms,
 * include directives ({@code @include}, {@code @includedir} and the legacy {@code #include}, {@code
 * #includedir}, which are directives, not comments), and LOG_/NOLOG_ tags in user specifications.
 * Never throws.
 */
public final class SudoersParser {
  private static final Pattern INCLUDE = Pattern.compile("^[@#](include|includedir)\\s+(.+?)\\s*$");
  private static final Pattern DEFAULTS = Pattern.compile("^Defaults([:@>!])?(\\S*)\\s*(.*)$");
  private static final Pattern TAG = Pattern.compile("\\b(NO)?LOG_(INPUT|OUTPUT)\\s*:");
  private static final Pattern SETTING =
      Pattern.compile("^(!*)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:(\\+=|-=|=)\\s*(.*))?$");

  private SudoersParser() {}

  /** One parsed line. */
  public sealed interface Line permits Include, Settings, Tags {}

  /** An include directive; {@code directory} for the includedir forms. */
  public record Include(SourceLine at, String target, boolean directory) implements Line {}

  /** The settings of one Defaults line. */
  public record Settings(List<DefaultsEntry> entries) implements Line {}

  /** I/O logging tags of one user specification. */
  public record Tags(List<CommandTag> tags) implements Line {}

  public record Parsed(List<Line> lines, List<String> problems) {}

  public static Parsed parse(String path, String text) {
    List<Line> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    // sudo joins continued lines before it looks for comments: "#include" is a directive.
    for (LogicalLine logical : LogicalLine.of(text, p -> p.replace("\r", ""))) {
      int lineNo = logical.number();
      String line = logical.text();
      Matcher inc = INCLUDE.matcher(line);
      if (inc.matches()) {
        out.add(
            new Include(
                new SourceLine(path, lineNo, line),
                unquote(inc.group(2)),
                inc.group(1).equals("includedir")));
        continue;
      }
      line = stripComment(line);
      if (line.isEmpty()) {
        continue;
      }
      Matcher d = DEFAULTS.matcher(line);
      if (d.matches()) {
        out.add(new Settings(settings(path, lineNo, line, d, problems)));
        continue;
      }
      List<CommandTag> tags = new ArrayList<>();
      Matcher t = TAG.matcher(line);
      while (t.find()) {
        tags.add(
            new CommandTag(new SourceLine(path, lineNo, line), t.group().replaceAll("\\s", "")));
      }
      if (!tags.isEmpty()) {
        out.add(new Tags(tags));
      }
    }
    return new Parsed(out, problems);
  }

  private static List<DefaultsEntry> settings(
      String path, int lineNo, String line, Matcher d, List<String> problems) {
    DefaultsEntry.Scope scope = DefaultsEntry.Scope.GLOBAL;
    String scopeList = "";
    String rest = d.group(3);
    if (d.group(1) != null) {
      scope =
          switch (d.group(1)) {
            case ":" -> DefaultsEntry.Scope.USER;
            case "@" -> DefaultsEntry.Scope.HOST;
            case ">" -> DefaultsEntry.Scope.RUNAS;
            default -> DefaultsEntry.Scope.COMMAND;
          };
      scopeList = d.group(2);
    } else if (!d.group(2).isEmpty()) {
      // "Defaultsuse_pty" is not a Defaults line sudo accepts
      problems.add(path + ":" + lineNo + ": unrecognised Defaults form: " + line);
      return List.of();
    }
    List<DefaultsEntry> out = new ArrayList<>();
    for (String s : splitSettings(rest)) {
      Matcher m = SETTING.matcher(s.strip());
      if (!m.matches()) {
        problems.add(path + ":" + lineNo + ": unrecognised setting '" + s.strip() + "'");
        continue;
      }
      String op = m.group(3) == null ? "" : m.group(3);
      out.add(
          new DefaultsEntry(
              new SourceLine(path, lineNo, line),
              scope,
              scopeList,
              m.group(2).toLowerCase(Locale.ROOT),
              m.group(1).length() % 2 == 1,
              op,
              m.group(4) == null ? "" : unquote(m.group(4).strip())));
    }
    return out;
  }

  /** Splits on commas outside double quotes. */
  private static List<String> splitSettings(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * Cuts a comment: a {@code #} outside double quotes that is not a uid ({@code #1000}, which
   * sudoers allows wherever a user name goes).
   */
  static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        boolean uid = i + 1 < line.length() && Character.isDigit(line.charAt(i + 1));
        if (!uid) {
          return line.substring(0, i).strip();
        }
      }
    }
    return line;
  }

  static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }
}
