package io.auditgap.checks.matchers.auditmore;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.RuleSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every matcher of these families does first: containers are not applicable (audit belongs to
 * the host kernel), and a host without auditctl fails naming the root cause AUD-01 instead of
 * reporting an unrelated gap (checks-reference "Check dependencies").
 */
final class Gate {
  private Gate() {}

  static Optional<Verdict> container(Facts facts, String why) {
    return Preconditions.notInContainer(facts, why);
  }

  static Optional<Verdict> audit(Facts facts, String consequence) {
    return Preconditions.notInContainer(facts, "audit belongs to the host kernel")
        .or(() -> Preconditions.auditdInstalled(facts, consequence));
  }

  static String reason(Observed<?> o) {
    return o instanceof Observed.Unseen<?> u ? u.reason() : "";
  }

  static Evidence of(RuleSource s, String note) {
    return Evidence.of(s.file(), s.line(), s.text().strip(), note);
  }

  static String profile(CheckParams p) {
    return p.string("profile", "baseline");
  }

  /**
   * A parameter that may differ per profile: {@code {baseline: [1, 2], stig: [2]}} gives the
   * profile's value; a plain value applies to every profile.
   */
  static List<String> perProfile(CheckParams p, String key) {
    Object v = p.values().get(key);
    if (v instanceof Map<?, ?> m) {
      Object pv = m.get(profile(p));
      if (pv == null) {
        pv = m.get("baseline");
      }
      v = pv;
    }
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Object::toString).toList();
    }
    return List.of(v.toString());
  }

  static Optional<Long> perProfileNumber(CheckParams p, String key) {
    List<String> v = perProfile(p, key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.decode(v.get(0).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static long uidMin(CheckParams p) {
    return p.integer("uid_min", 1000);
  }
}
