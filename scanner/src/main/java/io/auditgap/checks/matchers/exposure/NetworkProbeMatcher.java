package io.auditgap.checks.matchers.exposure;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;

/**
 * Marks catalog checks that the exposure probe decides from the network, not from a host snapshot.
 * The scan leaves these out of snapshot evaluation; if one is evaluated on a snapshot anyway (e.g.
 * offline), it is honestly unknown.
 */
public final class NetworkProbeMatcher extends DeclaredMatcher {
  public static final String NAME = "network-probe";

  /**
   * The probe's verdicts come from the network, but whether a public source is offered passwords is
   * asked of the host's own sshd ({@link PublicSourceAuth}): collected whenever a probe-decided
   * check is selected, whatever else the catalog selects.
   */
  public NetworkProbeMatcher() {
    super(NAME, PublicSourceAuth.needs());
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    return Verdict.unknown(
        "decided by the exposure probe (auditgap probe), not from collected files");
  }
}
