package io.auditgap.facts.sshd;

/** Whether a Match block applies to a connection; UNKNOWN when it depends on what is not known. */
public enum MatchResult {
  YES,
  NO,
  UNKNOWN
}
