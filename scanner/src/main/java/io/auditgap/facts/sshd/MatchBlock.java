package io.auditgap.facts.sshd;

import io.auditgap.facts.SourceLine;
import java.util.List;

/**
 * A {@code Match} line and the criteria it ANDs together.
 *
 * @param criteria in the order written; empty only for a malformed line
 */
public record MatchBlock(List<MatchCriterion> criteria, SourceLine source) {
  public MatchBlock {
    criteria = List.copyOf(criteria);
  }

  /** {@code Match all}: sshd applies it to every connection and to the global parse as well. */
  public boolean isAll() {
    return criteria.size() == 1 && criteria.get(0).attribute().equals("all");
  }

  /** The criteria as written, e.g. {@code User backup Address 10.0.0.0/8}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (MatchCriterion c : criteria) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(c.attribute());
      if (!c.patterns().isEmpty()) {
        sb.append(' ').append(c.patterns());
      }
    }
    return sb.toString();
  }
}
