package io.auditgap.facts.kernel;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the variable assignments of files that a POSIX shell sources one after the other, as
 * {@code grub-mkconfig} does with {@code /etc/default/grub} and then {@code
 * /etc/default/grub.d/*.cfg}. Only assignments, {@code export} and {@code unset} are evaluated;
 * quotes are removed and {@code $VAR}/{@code ${VAR}} expanded, so {@code
 * GRUB_CMDLINE_LINUX="$GRUB_CMDLINE_LINUX audit=1"} appends. Anything else (conditionals, command
 * substitution) is not run: the names it mentions are reported as uncertain rather than guessed.
 * Pure: hostile text gives problems, never exceptions.
 */
public final class ShellVariables {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ASSIGN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\+?)=");
  private static final Pattern MENTION = Pattern.compile("[A-Z_][A-Z0-9_]{2,}");

  private final Map<String, ShellAssignment> values = new LinkedHashMap<>();
  private final Map<String, ShellProblem> uncertain = new LinkedHashMap<>();
  private final List<ShellProblem> problems = new ArrayList<>();

  /** One file to source, in order. */
  public record Source(String file, String text) {}

  /** Sources the files in order; later files see and override earlier values. */
  public static ShellVariables evaluate(List<Source> sources) {
    ShellVariables v = new ShellVariables();
    for (Source s : sources) {
      try {
        v.source(s.file(), s.text() == null ? "" : s.text());
      } catch (RuntimeException e) {
        // an evaluator bug must not end the scan: the file counts as not understood
        v.problems.add(
            new ShellProblem(new SourceLine(s.file(), 0, ""), "could not evaluate: " + e));
        v.uncertain.put(
            "*", new ShellProblem(new SourceLine(s.file(), 0, ""), "file not evaluated"));
      }
    }
    return v;
  }

  public Optional<ShellAssignment> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Why a variable's value may differ from what was evaluated, if it may. */
  public Optional<ShellProblem> uncertainty(String name) {
    ShellProblem p = uncertain.get(name);
    return p != null ? Optional.of(p) : Optional.ofNullable(uncertain.get("*"));
  }

  public List<ShellProblem> problems() {
    return List.copyOf(problems);
  }

  private void source(String file, String text) {
    String[] physical = text.split("\n", -1);
    int i = 0;
    while (i < physical.length) {
      int start = i;
      StringBuilder logical = new StringBuilder(stripCr(physical[i]));
      // a backslash-newline outside single quotes continues the line
      while (endsWithContinuation(logical) && i + 1 < physical.length) {
        logical.setLength(logical.length() - 1);
        i++;
        logical.append(stripCr(physical[i]));
      }
      i++;
      statementLine(file, start + 1, logical.toString());
    }
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean endsWithContinuation(StringBuilder b) {
    int n = 0;
    for (int k = b.length() - 1; k >= 0 && b.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }

  private void statementLine(String file, int line, String raw) {
    String rest = raw.strip();
    while (!rest.isEmpty() && !rest.startsWith("#")) {
      String after = statement(file, line, raw, rest);
      if (after == null) {
        return;
      }
      rest = after.strip();
      if (rest.startsWith(";")) {
        rest = rest.substring(1).strip();
      }
    }
  }

  /** Evaluates one simple command at the start of {@code s}; returns what follows, or null. */
  private String statement(String file, int line, String raw, String s) {
    if (s.startsWith("export ") || s.startsWith("readonly ")) {
      s = s.substring(s.indexOf(' ') + 1).strip();
    }
    if (s.startsWith("unset ")) {
      String names = s.substring(6);
      int semi = names.indexOf(';');
      String list = semi >= 0 ? names.substring(0, semi) : names;
      for (String n : list.strip().split("\\s+")) {
        if (NAME.matcher(n).matches()) {
          values.remove(n);
          uncertain.remove(n);
        }
      }
      return semi >= 0 ? names.substring(semi) : null;
    }
    Matcher m = ASSIGN.matcher(s);
    if (!m.lookingAt()) {
      notEvaluated(file, line, raw, "not an assignment: not evaluated");
      return null;
    }
    String name = m.group(1);
    if (!m.group(2).isEmpty()) {
      // grub-mkconfig runs under /bin/sh (dash on Debian/Ubuntu), which rejects '+='
      ShellProblem p =
          new ShellProblem(
              new SourceLine(file, line, raw), "'+=' is not POSIX sh: the shell fails here");
      problems.add(p);
      uncertain.put(name, p);
      return null;
    }
    Word w = word(s, m.end());
    if (w.error != null) {
      ShellProblem p = new ShellProblem(new SourceLine(file, line, raw), w.error);
      problems.add(p);
      uncertain.put(name, p);
      return null;
    }
    String after = s.substring(w.end);
    String trimmed = after.strip();
    if (!trimmed.isEmpty()
        && !trimmed.startsWith("#")
        && !trimmed.startsWith(";")
        && !ASSIGN.matcher(trimmed).lookingAt()) {
      // NAME=value command: the assignment only applies to that command's environment
      notEvaluated(file, line, raw, "assignment prefixed to a command: not evaluated");
      return null;
    }
    ShellAssignment previous = values.get(name);
    ShellAssignment a =
        new ShellAssignment(
            name,
            w.value.toString(),
            new SourceLine(file, line, raw),
            w.resolved,
            Optional.ofNullable(previous));
    values.put(name, a);
    if (w.resolved) {
      uncertain.remove(name);
    } else {
      ShellProblem p =
          new ShellProblem(new SourceLine(file, line, raw), "command substitution not evaluated");
      problems.add(p);
      uncertain.put(name, p);
    }
    return after;
  }

  private void notEvaluated(String file, int line, String raw, String message) {
    ShellProblem p = new ShellProblem(new SourceLine(file, line, raw), message);
    problems.add(p);
    Set<String> names = new LinkedHashSet<>();
    Matcher mm = MENTION.matcher(raw);
    while (mm.find()) {
      names.add(mm.group());
    }
    for (String n : names) {
      uncertain.putIfAbsent(n, p);
    }
  }

  private static final class Word {
    final StringBuilder value = new StringBuilder();
    int end;
    boolean resolved = true;
    String error;
  }

  /** Reads one shell word from {@code pos}: quotes removed, parameters expanded. */
  private Word word(String s, int pos) {
    Word w = new Word();
    int i = pos;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == ';') {
        break;
      }
      if (c == '\'') {
        int close = s.indexOf('\'', i + 1);
        if (close < 0) {
          w.error = "unterminated single quote";
          return w;
        }
        w.value.append(s, i + 1, close);
        i = close + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < s.length()) {
          char d = s.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < s.length() && "$`\"\\".indexOf(s.charAt(i + 1)) >= 0) {
            w.value.append(s.charAt(i + 1));
            i += 2;
          } else if (d == '$' || d == '`') {
            i = expand(s, i, w);
          } else {
            w.value.append(d);
            i++;
          }
        }
        if (!closed) {
          w.error = "unterminated double quote";
          return w;
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        w.value.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '$' || c == '`') {
        i = expand(s, i, w);
      } else {
        w.value.append(c);
        i++;
      }
      if (w.error != null) {
        return w;
      }
    }
    w.end = i;
    return w;
  }

  /** Expands {@code $NAME}, {@code ${NAME}}; marks command substitution unresolved. */
  private int expand(String s, int i, Word w) {
    char c = s.charAt(i);
    if (c == '`') {
      int close = s.indexOf('`', i + 1);
      w.resolved = false;
      if (close < 0) {
        w.error = "unterminated backquote";
        return s.length();
      }
      return close + 1;
    }
    if (i + 1 >= s.length()) {
      w.value.append('$');
      return i + 1;
    }
    char n = s.charAt(i + 1);
    if (n == '(') {
      int depth = 0;
      for (int k = i + 1; k < s.length(); k++) {
        if (s.charAt(k) == '(') {
          depth++;
        } else if (s.charAt(k) == ')' && --depth == 0) {
          w.resolved = false;
          return k + 1;
        }
      }
      w.error = "unterminated command substitution";
      return s.length();
    }
    if (n == '{') {
      int close = s.indexOf('}', i + 2);
      if (close < 0) {
        w.error = "unterminated ${";
        return s.length();
      }
      String inner = s.substring(i + 2, close);
      if (!NAME.matcher(inner).matches()) {
        // ${X:-default} and friends: not evaluated
        w.resolved = false;
        return close + 1;
      }
      appendValue(inner, w);
      return close + 1;
    }
    Matcher m = NAME.matcher(s);
    m.region(i + 1, s.length());
    if (m.lookingAt()) {
      appendValue(m.group(), w);
      return m.end();
    }
    w.value.append('$');
    return i + 1;
  }

  private void appendValue(String name, Word w) {
    ShellAssignment a = values.get(name);
    if (a != null) {
      w.value.append(a.value());
      w.resolved &= a.resolved();
    }
    if (uncertain.containsKey(name)) {
      w.resolved = false;
    }
  }
}
