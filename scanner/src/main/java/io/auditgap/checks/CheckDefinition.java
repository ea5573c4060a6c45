package io.auditgap.checks;

import java.util.List;
import java.util.Map;

/**
 * One check as declared in {@code checks/*.yaml}: identity, metadata for reports, and the matcher
 * (with parameters) that decides it.
 *
 * @param id stable dotted id, e.g. {@code audit.execve}
 * @param family the catalog file it came from, e.g. {@code auditd}
 * @param profiles the profiles that select it ({@code baseline}, {@code cis}, {@code stig}, {@code
 *     pci})
 * @param references framework → control ids
 * @param source {@code file: id} for error messages
 */
public record CheckDefinition(
    String id,
    String family,
    String title,
    Severity severity,
    String matcher,
    Map<String, Object> params,
    String rationale,
    String remediation,
    Map<String, List<String>> references,
    List<String> profiles,
    String source) {
  public CheckDefinition {
    params = Map.copyOf(params);
    references = Map.copyOf(references);
    profiles = List.copyOf(profiles);
  }
}
