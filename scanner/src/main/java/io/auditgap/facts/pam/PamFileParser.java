package io.auditgap.facts.pam;

import io.auditgap.facts.LogicalLine;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one {@code /etc/pam.d} file the way libpam's {@code pam_handlers.c} reads it: everything
 * from the first {@code #} on a line is a comment (even mid-line), a trailing backslash joins the
 * next line, bracket controls and bracket arguments may contain spaces. Never throws; a line libpam
 * would skip is reported as a problem.
 */
public final class PamFileParser {
  private static final Set<String> TYPES = Set.of("auth", "account", "password", "session");
  private static final Set<String> CONTROLS =
      Set.of("required", "requisite", "sufficient", "optional", "include", "substack");

  private PamFileParser() {}

  public static PamFile parse(String path, String text) {
    List<PamRule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    // A comment ends the physical line before the continuation backslash is looked for; blanks
    // may follow the backslash.
    for (LogicalLine l : LogicalLine.of(text, p -> stripComment(p).stripTrailing())) {
      parseLine(path, l.number(), l.text(), rules, problems);
    }
    return new PamFile(path, rules, problems);
  }

  private static String stripComment(String physical) {
    int hash = physical.indexOf('#');
    String s = hash < 0 ? physical : physical.substring(0, hash);
    return s.replace('\r', ' ');
  }

  private static void parseLine(
      String path, int lineNo, String line, List<PamRule> rules, List<String> problems) {
    List<String> tokens = tokens(line);
    String where = path + ":" + lineNo;
    String collapsed = String.join(" ", tokens);
    String first = tokens.get(0);
    if (first.equals("@include")) {
      if (tokens.size() < 2) {
        problems.add(where + ": @include without a file name");
        return;
      }
      rules.add(
          new PamRule(
              new SourceLine(path, lineNo, collapsed),
              false,
              "@include",
              "include",
              false,
              tokens.get(1),
              List.of()));
      return;
    }
    boolean dashed = first.startsWith("-");
    String type = PamRule.normaliseType(dashed ? first.substring(1) : first);
    if (!TYPES.contains(type)) {
      problems.add(where + ": unknown module type '" + first + "' (libpam ignores the line)");
      return;
    }
    if (tokens.size() < 3) {
      problems.add(where + ": incomplete line (needs type, control and module)");
      return;
    }
    String control = tokens.get(1);
    boolean bracket = control.startsWith("[");
    if (bracket) {
      control =
          control.substring(1, control.endsWith("]") ? control.length() - 1 : control.length());
      control = control.strip().replaceAll("\\s+", " ");
    } else {
      control = control.toLowerCase(Locale.ROOT);
      if (!CONTROLS.contains(control)) {
        problems.add(where + ": unknown control '" + tokens.get(1) + "'");
      }
    }
    rules.add(
        new PamRule(
            new SourceLine(path, lineNo, collapsed),
            dashed,
            type,
            control,
            bracket,
            tokens.get(2),
            tokens.subList(3, tokens.size()).stream().map(PamFileParser::unbracket).toList()));
  }

  /** libpam passes {@code [a b]} to the module as {@code a b}. */
  private static String unbracket(String arg) {
    return arg.length() >= 2 && arg.startsWith("[") && arg.endsWith("]")
        ? arg.substring(1, arg.length() - 1)
        : arg;
  }

  /**
   * Splits on whitespace; a token starting with {@code [} runs to the matching {@code ]} (a {@code
   * \]} inside does not close it), as libpam reads bracket controls and arguments.
   */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      StringBuilder tok = new StringBuilder();
      boolean inBracket = false;
      while (i < n && (inBracket || !Character.isWhitespace(line.charAt(i)))) {
        char c = line.charAt(i);
        if (c == '[' && tok.length() == 0) {
          inBracket = true;
        } else if (inBracket && c == '\\' && i + 1 < n && line.charAt(i + 1) == ']') {
          tok.append(']');
          i += 2;
          continue;
        } else if (inBracket && c == ']') {
          inBracket = false;
        }
        tok.append(c);
        i++;
      }
      out.add(tok.toString());
    }
    return out;
  }
}
