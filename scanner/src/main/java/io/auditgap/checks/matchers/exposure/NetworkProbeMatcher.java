package io.auditgap.checks.matchers.exposure;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import java.util.Set;

/**
 * Marks catalog checks that the exposure probe decides from the network, not from a host snapshot.
 * The scan leaves these out of snapshot evaluation; if one is evaluated on a snapshot anyway (e.g.
 * offline), it is honestly unknown.
 */
public final class NetworkProbeMatcher implements Matcher {
  public static final String NAME = "network-probe";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The probe's verdicts come from the network, but whether a public source is offered passwords is
   * asked of the host's own sshd ({@link PublicSourceAuth}): collected whenever a probe-decided
   * check is selected, whatever else the catalog selects.
   */
  @Override
  public Set<CollectionItem> needs() {
    return Set.copyOf(PublicSourceAuth.needs());
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    return Verdict.unknown(
        "decided by the exposure probe (auditgap probe), not from collected files");
  }
}
