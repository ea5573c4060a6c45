package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;

/** A line auditctl would refuse to load, with libaudit's reason where known. */
public record RuleError(SourceLine source, String message) implements AuditStatement {}
