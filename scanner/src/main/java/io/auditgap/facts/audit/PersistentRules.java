package io.auditgap.facts.audit;

import java.util.List;

/**
 * The rules the host loads at boot, as its loader would build and load them.
 *
 * @param loader {@code augenrules} (rules.d merged) or {@code auditctl -R /etc/audit/audit.rules}
 * @param rules the result of loading them (load errors and an aborted load included)
 * @param files the files read, in load order
 * @param ignoredFiles rules.d entries augenrules skips because their name does not end in {@code
 *     .rules} (or is hidden): a classic reason why "the rule is on disk" but never loaded
 * @param ignoredRules the rules written in those ignored files, for explaining a gap
 */
public record PersistentRules(
    String loader,
    RuleSet rules,
    List<String> files,
    List<String> ignoredFiles,
    List<AuditRule> ignoredRules) {
  public static final String AUGENRULES = "augenrules";
  public static final String AUDIT_RULES = "auditctl -R /etc/audit/audit.rules";

  public PersistentRules {
    files = List.copyOf(files);
    ignoredFiles = List.copyOf(ignoredFiles);
    ignoredRules = List.copyOf(ignoredRules);
  }
}
