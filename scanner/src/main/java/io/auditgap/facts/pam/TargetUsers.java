package io.auditgap.facts.pam;

import java.util.List;

/**
 * The users whose SSH sessions a check must cover, and how they were chosen.
 *
 * @param names user names in order
 * @param basis one sentence for the report, e.g. "interactive users (uid ≥ 1000 from
 *     /etc/login.defs, shell in /etc/shells)"
 */
public record TargetUsers(List<String> names, String basis) {
  public TargetUsers {
    names = List.copyOf(names);
  }
}
