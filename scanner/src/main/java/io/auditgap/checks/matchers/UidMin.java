package io.auditgap.checks.matchers;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFacts;
import java.util.OptionalLong;

/**
 * The first uid of interactive users, decided one way for every check: the scan's {@code uid_min}
 * when the user set one, else {@code UID_MIN} in the host's /etc/login.defs, else 1000 (shadow's
 * default when login.defs does not set it). Read {@link PamFacts#UID_MIN} in {@code needs()}.
 *
 * @param source where the value came from, for reasons and evidence
 */
public record UidMin(long value, String source) {

  public static UidMin of(CheckParams params, Facts facts) {
    String key = CommonParams.UID_MIN.name();
    if (params.values().containsKey(key)) {
      return new UidMin(params.integer(key, 1000), "uid_min from the scan settings");
    }
    Observed<OptionalLong> defs = facts.get(PamFacts.UID_MIN);
    if (defs.isSeen() && defs.value().isPresent()) {
      return new UidMin(defs.value().getAsLong(), "UID_MIN in /etc/login.defs");
    }
    return new UidMin(1000, "default UID_MIN");
  }
}
