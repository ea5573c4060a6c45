package io.auditgap.facts.logging;

/**
 * One filter an rsyslog action sits under: a selector ({@code auth,authpriv.*}), a RainerScript
 * {@code if} expression (negated for its {@code else} branch) or a property filter ({@code
 * :programname, isequal, "sshd"}).
 */
public record RsyslogCondition(Kind kind, String text, boolean negated, SyslogSelector selector) {
  public enum Kind {
    SELECTOR,
    EXPRESSION,
    PROPERTY
  }

  public static RsyslogCondition selector(String text) {
    return new RsyslogCondition(Kind.SELECTOR, text, false, SyslogSelector.parse(text));
  }

  public static RsyslogCondition expression(String text, boolean negated) {
    return new RsyslogCondition(Kind.EXPRESSION, text.strip(), negated, null);
  }

  public static RsyslogCondition property(String text) {
    return new RsyslogCondition(Kind.PROPERTY, text.strip(), false, null);
  }

  public Tri eval(SyslogPriority.Priority p) {
    Tri t =
        switch (kind) {
          case SELECTOR -> Tri.of(selector.matches(p));
          case EXPRESSION -> RainerExpr.eval(text, p);
          case PROPERTY -> Tri.MAYBE;
        };
    return negated ? t.not() : t;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case SELECTOR -> text;
      case EXPRESSION -> (negated ? "else of if " : "if ") + text;
      case PROPERTY -> text;
    };
  }
}
