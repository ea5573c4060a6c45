package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;

/** One non-comment line of a rules file or an {@code auditctl -l} listing, as parsed. */
public sealed interface AuditStatement permits AuditRule, ControlDirective, RuleError {
  SourceLine source();
}
