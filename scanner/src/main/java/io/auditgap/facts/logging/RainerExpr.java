package io.auditgap.facts.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a RainerScript {@code if} expression for one message priority. Only comparisons of
 * {@code $syslogfacility[-text]} and {@code $syslogseverity[-text]} with literals can be decided;
 * anything about the message itself ({@code $programname}, {@code $msg}, functions) is {@link
 * Tri#MAYBE}. Never throws: an expression it cannot parse is MAYBE.
 */
public final class RainerExpr {
  private final List<String> tokens;
  private final SyslogPriority.Priority p;
  private int pos;

  private RainerExpr(List<String> tokens, SyslogPriority.Priority p) {
    this.tokens = tokens;
    this.p = p;
  }

  public static Tri eval(String expr, SyslogPriority.Priority p) {
    try {
      RainerExpr e = new RainerExpr(tokenize(expr), p);
      Tri t = e.or();
      return e.pos == e.tokens.size() ? t : Tri.MAYBE;
    } catch (RuntimeException ex) {
      return Tri.MAYBE;
    }
  }

  private Tri or() {
    Tri t = and();
    while (peek("or")) {
      pos++;
      t = t.or(and());
    }
    return t;
  }

  private Tri and() {
    Tri t = unary();
    while (peek("and")) {
      pos++;
      t = t.and(unary());
    }
    return t;
  }

  private Tri unary() {
    if (peek("not")) {
      pos++;
      return unary().not();
    }
    if (peek("(")) {
      pos++;
      Tri t = or();
      expect(")");
      return t;
    }
    return comparison();
  }

  private Tri comparison() {
    String left = next();
    if (pos < tokens.size() && tokens.get(pos).equals("(")) {
      skipGroup();
      return Tri.MAYBE;
    }
    if (pos >= tokens.size() || isJoin(tokens.get(pos))) {
      return Tri.MAYBE;
    }
    String op = next().toLowerCase(Locale.ROOT);
    List<String> right = new ArrayList<>();
    if (peek("[")) {
      pos++;
      while (!peek("]")) {
        String v = next();
        if (!v.equals(",")) {
          right.add(v);
        }
      }
      pos++;
    } else {
      right.add(next());
    }
    return compare(left.toLowerCase(Locale.ROOT), op, right);
  }

  private Tri compare(String var, String op, List<String> values) {
    int actual;
    boolean facility;
    if (var.equals("$syslogfacility-text") || var.equals("$syslogfacility")) {
      actual = p.facility();
      facility = true;
    } else if (var.equals("$syslogseverity-text")
        || var.equals("$syslogseverity")
        || var.equals("$syslogpriority")
        || var.equals("$syslogpriority-text")) {
      actual = p.severity();
      facility = false;
    } else {
      return Tri.MAYBE;
    }
    Tri any = Tri.FALSE;
    for (String raw : values) {
      String v = unquote(raw);
      int want = facility ? SyslogPriority.facility(v) : SyslogPriority.severity(v);
      if (want < 0) {
        return Tri.MAYBE;
      }
      Tri r =
          switch (op) {
            case "==" -> Tri.of(actual == want);
            case "!=", "<>" -> Tri.of(actual != want);
            case "<" -> Tri.of(actual < want);
            case "<=" -> Tri.of(actual <= want);
            case ">" -> Tri.of(actual > want);
            case ">=" -> Tri.of(actual >= want);
            default -> Tri.MAYBE;
          };
      any = any.or(r);
    }
    return any;
  }

  private void skipGroup() {
    int depth = 0;
    do {
      String t = next();
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")")) {
        depth--;
      }
    } while (depth > 0);
  }

  private static boolean isJoin(String t) {
    return t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equals(")");
  }

  private boolean peek(String t) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw new IllegalStateException("end of expression");
    }
    return tokens.get(pos++);
  }

  private void expect(String t) {
    if (!next().equals(t)) {
      throw new IllegalStateException("expected " + t);
    }
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(s.substring(i, Math.min(j + 1, s.length())));
        i = j + 1;
      } else if ("()[],".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("=!<>".indexOf(c) >= 0) {
        int j = i + 1;
        while (j < s.length() && "=<>".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        int j = i;
        while (j < s.length()
            && !Character.isWhitespace(s.charAt(j))
            && "()[],=!<>\"'".indexOf(s.charAt(j)) < 0) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
