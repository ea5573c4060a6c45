package io.auditgap.facts.audit.daemon;

import io.auditgap.facts.SourceLine;

/**
 * One {@code key = value [option]} line of auditd.conf as auditd tokenises it.
 *
 * @param key lower-cased keyword
 * @param value the value as written (auditd compares case-insensitively)
 * @param option the optional third token (e.g. the script of {@code exec}), or null
 * @param at the line it was read from
 */
public record AuditdDirective(String key, String value, String option, SourceLine at) {}
