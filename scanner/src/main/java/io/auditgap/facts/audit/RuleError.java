package io.auditgap.facts.audit;

/** A line auditctl would refuse to load, with libaudit's reason where known. */
public record RuleError(RuleSource source, String message) implements AuditStatement {}
