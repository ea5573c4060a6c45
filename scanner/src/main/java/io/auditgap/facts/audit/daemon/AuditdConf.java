package io.auditgap.facts.audit.daemon;

import io.auditgap.facts.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * auditd.conf as auditd 3.x reads it: the accepted directives in file order and every problem
 * auditd reports. When {@link #fatal()} holds, auditd refuses to start with this file.
 *
 * @param source the path it was read from
 * @param directives every accepted directive in file order (a key may appear more than once)
 * @param problems everything auditd would complain about, fatal or not
 */
public record AuditdConf(
    String source, List<AuditdDirective> directives, List<ConfigProblem> problems) {
  public AuditdConf {
    directives = List.copyOf(directives);
    problems = List.copyOf(problems);
  }

  /** True when auditd would refuse to start with this file. */
  public boolean fatal() {
    return problems.stream().anyMatch(ConfigProblem::fatal);
  }

  /** The effective setting: last occurrence wins, as each parser simply overwrites the field. */
  public AuditdSetting setting(String key) {
    List<AuditdDirective> all = new ArrayList<>();
    for (AuditdDirective d : directives) {
      if (d.key().equals(key)) {
        all.add(d);
      }
    }
    if (all.isEmpty()) {
      return new AuditdSetting(key, AuditdKeywords.defaultValue(key), null, List.of());
    }
    AuditdDirective last = all.get(all.size() - 1);
    return new AuditdSetting(key, last.value(), last, all.subList(0, all.size() - 1));
  }

  /** Effective value of every key that appears, in first-appearance order. */
  public Map<String, AuditdSetting> effective() {
    Map<String, AuditdSetting> m = new LinkedHashMap<>();
    for (AuditdDirective d : directives) {
      m.computeIfAbsent(d.key(), this::setting);
    }
    return m;
  }
}
