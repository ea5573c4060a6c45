package io.auditgap.checks;

import io.auditgap.checks.matchers.auditd.AuditdMatchers;
import io.auditgap.checks.matchers.auditdconf.AuditdConfMatchers;
import io.auditgap.checks.matchers.auditrules.AuditRulesMatchers;
import io.auditgap.checks.matchers.auditsubsystem.AuditSubsystemMatchers;
import io.auditgap.checks.matchers.exposure.ExposureMatchers;
import io.auditgap.checks.matchers.forwarding.ForwardingMatchers;
import io.auditgap.checks.matchers.logs.LogsMatchers;
import io.auditgap.checks.matchers.retention.RetentionMatchers;
import io.auditgap.checks.matchers.session.SessionMatchers;
import io.auditgap.checks.matchers.sshd.SshdMatchers;
import io.auditgap.checks.matchers.time.TimeMatchers;
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

  /**
   * The built-in matchers: one line per catalog family ({@code checks/FAMILY.yaml}), each family's
   * matchers registered in its own package {@code io.auditgap.checks.matchers.FAMILY}.
   */
  public static MatcherRegistry builtIn() {
    List<Matcher> all = new ArrayList<>();
    all.addAll(AuditdMatchers.all());
    all.addAll(ExposureMatchers.all());
    all.addAll(AuditdConfMatchers.all());
    all.addAll(RetentionMatchers.all());
    all.addAll(SessionMatchers.all());
    all.addAll(ForwardingMatchers.all());
    all.addAll(AuditSubsystemMatchers.all());
    all.addAll(AuditRulesMatchers.all());
    all.addAll(SshdMatchers.all());
    all.addAll(LogsMatchers.all());
    all.addAll(TimeMatchers.all());
    return new MatcherRegistry(all);
  }

  public Optional<Matcher> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }
}
