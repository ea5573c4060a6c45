package io.auditgap.facts.audit.daemon;

import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads auditd.conf the way auditd 3.0.x does ({@code load_config()} in src/auditd-config.c),
 * because the point is to predict whether the daemon accepts the file, not what a human meant:
 *
 * <ul>
 *   <li>lines are read with a 160-byte buffer: a line of 159 characters or more, and a last line
 *       without a newline, is skipped ("too long") and its directive is lost;
 *   <li>tokens are split on spaces only (a tab is part of a token), so {@code max_log_file=8} and
 *       {@code key\t=\tvalue} are one token and stop the parse;
 *   <li>a line whose first token starts with {@code #} is a comment, an indented comment behind a
 *       tab is not;
 *   <li>an unknown keyword, an unexpected option, a bad value and {@code space_left <=
 *       admin_space_left} (both absolute) make auditd refuse the file.
 * </ul>
 *
 * All of the above was observed by running auditd 3.0.9 (Debian 12) on such files.
 */
public final class AuditdConfParser {
  /** fgets() with a 160-byte buffer keeps 159 bytes; with the newline a line may hold 158. */
  static final int MAX_LINE = 158;

  private AuditdConfParser() {}

  public static AuditdConf parse(String source, String text) {
    List<AuditdDirective> directives = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    boolean trailingNewline = text.endsWith("\n");
    int count = trailingNewline ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      int no = i + 1;
      String line = lines[i];
      boolean lastWithoutNewline = !trailingNewline && i == count - 1;
      if (line.length() > MAX_LINE || lastWithoutNewline) {
        if (!line.isBlank()) {
          problems.add(
              ConfigProblem.ignored(
                  new SourceLine(source, no, line),
                  lastWithoutNewline
                      ? "last line has no newline: auditd skips it as too long"
                      : "line is "
                          + line.length()
                          + " characters: auditd skips lines of more than "
                          + MAX_LINE));
        }
        continue;
      }
      List<String> tokens = tokens(line);
      if (tokens.isEmpty() || tokens.get(0).startsWith("#")) {
        continue;
      }
      if (!line(source, no, line, tokens, directives, problems)) {
        break;
      }
    }
    sanity(source, directives, problems);
    return new AuditdConf(source, directives, problems);
  }

  /** One directive line; false when auditd stops reading here. */
  private static boolean line(
      String source,
      int no,
      String line,
      List<String> tokens,
      List<AuditdDirective> directives,
      List<ConfigProblem> problems) {
    String name = tokens.get(0);
    if (tokens.size() < 3 || !tokens.get(1).equals("=")) {
      String why =
          tokens.size() >= 2 && !tokens.get(1).equals("=")
              ? "missing equal sign (auditd needs spaces around '=')"
              : "no value (auditd needs 'key = value' with spaces around '=')";
      if (name.contains("=")) {
        why = "'" + name + "' has no spaces around '=': auditd reads it as a keyword without value";
      }
      problems.add(fatal(source, no, line, why + "; auditd stops reading the file here"));
      return false;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (!AuditdKeywords.known(key)) {
      problems.add(fatal(source, no, line, "unknown keyword \"" + name + "\""));
      return false;
    }
    String value = tokens.get(2);
    String option = tokens.size() > 3 ? tokens.get(3) : null;
    if (tokens.size() > 4 || (option != null && !AuditdKeywords.TAKES_OPTION.contains(key))) {
      problems.add(
          fatal(
              source,
              no,
              line,
              "keyword \""
                  + name
                  + "\" has an extra token \""
                  + option
                  + "\""
                  + (option != null && option.startsWith("#")
                      ? " (auditd has no trailing comments)"
                      : "")));
      return false;
    }
    String bad = AuditdValues.check(key, value, option);
    if (bad != null) {
      problems.add(fatal(source, no, line, bad));
      return false;
    }
    directives.add(new AuditdDirective(key, value, option, new SourceLine(source, no, line)));
    return true;
  }

  /** auditd's sanity_check(): space_left must exceed admin_space_left when both are absolute. */
  private static void sanity(
      String source, List<AuditdDirective> directives, List<ConfigProblem> problems) {
    if (problems.stream().anyMatch(ConfigProblem::fatal) || directives.isEmpty()) {
      return;
    }
    AuditdConf conf = new AuditdConf(source, directives, List.of());
    AuditdSetting space = conf.setting("space_left");
    AuditdSetting admin = conf.setting("admin_space_left");
    if (space.value().endsWith("%") || admin.value().endsWith("%")) {
      return;
    }
    long s = AuditdValues.number(space.value());
    long a = AuditdValues.number(admin.value());
    if (s <= a) {
      AuditdDirective at = space.directive() != null ? space.directive() : admin.directive();
      problems.add(
          ConfigProblem.fatal(
              at == null ? new SourceLine(source, 0, "") : at.at(),
              "space_left ("
                  + s
                  + (space.isDefault() ? ", default" : "")
                  + ") must be larger than admin_space_left ("
                  + a
                  + (admin.isDefault() ? ", default" : "")
                  + "): auditd refuses to start"));
    }
  }

  /** audit_strsplit(): split on the space character only, skipping runs of spaces. */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    for (String t : line.split(" ")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static ConfigProblem fatal(String source, int no, String line, String message) {
    return ConfigProblem.fatal(new SourceLine(source, no, line), message);
  }
}
