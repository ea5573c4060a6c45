package io.auditgap.checks;

import io.auditgap.checks.matchers.AuditExecveMatcher;
import io.auditgap.checks.matchers.AuditImmutableMatcher;
import io.auditgap.checks.matchers.AuditRulesDriftMatcher;
import io.auditgap.checks.matchers.AuditdInstalledMatcher;
import io.auditgap.checks.matchers.AuditdRunningMatcher;
import io.auditgap.checks.matchers.NetworkProbeMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every matcher the catalog may name, by name. */
public final class MatcherRegistry {
  private final Map<String, Matcher> byName = new LinkedHashMap<>();

  public MatcherRegistry(Collection<? extends Matcher> matchers) {
    for (Matcher m : matchers) {
      if (byName.put(m.name(), m) != null) {
        throw new IllegalStateException("two matchers named " + m.name());
      }
    }
  }

  /** The built-in matchers. */
  public static MatcherRegistry builtIn() {
    List<Matcher> all =
        new ArrayList<>(
            List.of(
                new AuditdInstalledMatcher(),
                new AuditdRunningMatcher(),
                new AuditExecveMatcher(),
                new AuditImmutableMatcher(),
                new AuditRulesDriftMatcher(),
                new NetworkProbeMatcher()));
    // One line per check family.
    all.addAll(io.auditgap.checks.matchers.retention.RetentionMatchers.all());
    all.addAll(io.auditgap.checks.matchers.session.SessionMatchers.all());
    all.addAll(io.auditgap.checks.matchers.forwarding.ForwardingMatchers.all());
    all.addAll(io.auditgap.checks.matchers.auditmore.AuditMoreMatchers.all());
    all.addAll(io.auditgap.checks.matchers.sshdlogs.SshdLogsMatchers.all());
    return new MatcherRegistry(all);
  }

  public Optional<Matcher> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }
}
