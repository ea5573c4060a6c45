package io.auditgap.facts.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kernel command line as the kernel reads it: whitespace-separated {@code name[=value]} words, a
 * double-quoted value may hold spaces, everything after {@code --} goes to init. Dashes and
 * underscores in names are equivalent ({@code parameq()}), and for a parameter given twice the last
 * one is what the kernel ends up with.
 */
public record KernelCmdline(List<Param> params) {
  public KernelCmdline {
    params = List.copyOf(params);
  }

  /** One word; {@code value} is null for a bare flag such as {@code quiet}. */
  public record Param(String name, String value, String word) {}

  public static KernelCmdline parse(String text) {
    List<Param> out = new ArrayList<>();
    if (text == null) {
      return new KernelCmdline(out);
    }
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c == '"') {
        quoted = !quoted;
        w.append(c);
      } else if (!quoted && Character.isWhitespace(c)) {
        if (w.length() > 0) {
          if (w.toString().equals("--")) {
            break;
          }
          out.add(param(w.toString()));
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    return new KernelCmdline(out);
  }

  private static Param param(String word) {
    int eq = word.indexOf('=');
    if (eq < 0) {
      return new Param(normalise(word), null, word);
    }
    String v = word.substring(eq + 1);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return new Param(normalise(word.substring(0, eq)), v, word);
  }

  static String normalise(String name) {
    return name.replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** Every occurrence of a parameter, in order. */
  public List<Param> all(String name) {
    String n = normalise(name);
    return params.stream().filter(p -> p.name().equals(n)).toList();
  }

  /** The occurrence in force: the last one. */
  public Optional<Param> last(String name) {
    List<Param> a = all(name);
    return a.isEmpty() ? Optional.empty() : Optional.of(a.get(a.size() - 1));
  }
}
