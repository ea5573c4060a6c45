package io.auditgap.facts.logging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A syslog-ng filter expression as tokens ({@code facility(auth, authpriv) and not filter(f_dbg)}),
 * evaluated per priority. {@code program()}, {@code match()} and other message tests are {@link
 * Tri#MAYBE}.
 */
public record SyslogNgFilter(String text, List<String> tokens) {
  public SyslogNgFilter {
    tokens = List.copyOf(tokens);
  }

  /** A reference to a named filter, as in {@code filter(f_auth);} inside a log path. */
  public static SyslogNgFilter reference(String name) {
    return new SyslogNgFilter("filter(" + name + ")", List.of("filter", "(", name, ")"));
  }

  public Tri eval(SyslogPriority.Priority p, Map<String, SyslogNgFilter> named, int depth) {
    if (depth > 16) {
      return Tri.MAYBE;
    }
    try {
      Eval e = new Eval(p, named, depth);
      Tri t = e.or();
      return e.pos == tokens.size() ? t : Tri.MAYBE;
    } catch (RuntimeException ex) {
      return Tri.MAYBE;
    }
  }

  private final class Eval {
    private final SyslogPriority.Priority p;
    private final Map<String, SyslogNgFilter> named;
    private final int depth;
    private int pos;

    Eval(SyslogPriority.Priority p, Map<String, SyslogNgFilter> named, int depth) {
      this.p = p;
      this.named = named;
      this.depth = depth;
    }

    Tri or() {
      Tri t = and();
      while (is("or")) {
        pos++;
        t = t.or(and());
      }
      return t;
    }

    Tri and() {
      Tri t = unary();
      while (is("and")) {
        pos++;
        t = t.and(unary());
      }
      return t;
    }

    Tri unary() {
      if (is("not")) {
        pos++;
        return unary().not();
      }
      if (is("(")) {
        pos++;
        Tri t = or();
        expect(")");
        return t;
      }
      String fn = tokens.get(pos++).toLowerCase(Locale.ROOT);
      expect("(");
      java.util.List<String> args = new java.util.ArrayList<>();
      int d = 1;
      while (d > 0) {
        String t = tokens.get(pos++);
        if (t.equals("(")) {
          d++;
        } else if (t.equals(")")) {
          d--;
        }
        if (d > 0 && !t.equals(",")) {
          args.add(t);
        }
      }
      return call(fn, args);
    }

    Tri call(String fn, List<String> args) {
      switch (fn) {
        case "facility":
          for (String a : args) {
            if (SyslogPriority.facility(unquote(a)) == p.facility()) {
              return Tri.TRUE;
            }
            if (SyslogPriority.facility(unquote(a)) < 0) {
              return Tri.MAYBE;
            }
          }
          return Tri.FALSE;
        case "level":
        case "priority":
          for (String a : args) {
            String v = unquote(a);
            int dots = v.indexOf("..");
            if (dots > 0) {
              int lo = SyslogPriority.severity(v.substring(0, dots));
              int hi = SyslogPriority.severity(v.substring(dots + 2));
              if (lo < 0 || hi < 0) {
                return Tri.MAYBE;
              }
              if (p.severity() >= Math.min(lo, hi) && p.severity() <= Math.max(lo, hi)) {
                return Tri.TRUE;
              }
            } else {
              int s = SyslogPriority.severity(v);
              if (s < 0) {
                return Tri.MAYBE;
              }
              if (s == p.severity()) {
                return Tri.TRUE;
              }
            }
          }
          return Tri.FALSE;
        case "filter":
          SyslogNgFilter f = args.isEmpty() ? null : named.get(unquote(args.get(0)));
          return f == null ? Tri.MAYBE : f.eval(p, named, depth + 1);
        default:
          return Tri.MAYBE;
      }
    }

    boolean is(String t) {
      return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
    }

    void expect(String t) {
      if (!tokens.get(pos++).equals(t)) {
        throw new IllegalStateException("expected " + t);
      }
    }
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
