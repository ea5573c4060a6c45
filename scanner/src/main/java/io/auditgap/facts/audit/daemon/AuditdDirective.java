package io.auditgap.facts.audit.daemon;

/**
 * One {@code key = value [option]} line of auditd.conf as auditd tokenises it.
 *
 * @param key lower-cased keyword
 * @param value the value as written (auditd compares case-insensitively)
 * @param option the optional third token (e.g. the script of {@code exec}), or null
 * @param line 1-based line number
 * @param text the whole line as written
 */
public record AuditdDirective(String key, String value, String option, int line, String text) {}
