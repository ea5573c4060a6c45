package io.auditgap.checks.matchers.auditrules;

import io.auditgap.facts.audit.AuditArch;
import io.auditgap.facts.audit.FieldComparison;
import io.auditgap.facts.audit.FieldCondition;
import io.auditgap.facts.audit.RuleRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code requirements:} parameter of an {@code audit-rule-coverage} check: a list of
 * {@code {watch: PATH, alternatives: [..], perms: wa, scope: [..]}} or {@code {syscalls: [..],
 * arches: [b64, b32], scope: [..], compare: [..]}}. {@code ${uid_min}} in a scope condition is the
 * scan's UID_MIN.
 */
final class Requirements {
  private Requirements() {}

  /** The requirements, or an error message naming the bad entry. */
  static Result parse(Object param, long uidMin) {
    List<RuleRequirement> out = new ArrayList<>();
    if (!(param instanceof List<?> list) || list.isEmpty()) {
      return new Result(out, "params.requirements must be a non-empty list");
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        return new Result(out, "requirements[" + i + "] must be a mapping");
      }
      List<FieldCondition> scope = new ArrayList<>();
      for (String s : strings(m.get("scope"))) {
        Optional<FieldCondition> c =
            RuleRequirement.condition(s.replace("${uid_min}", Long.toString(uidMin)));
        if (c.isEmpty()) {
          return new Result(out, "requirements[" + i + "]: bad scope condition " + s);
        }
        scope.add(c.get());
      }
      List<FieldComparison> compare = new ArrayList<>();
      for (String s : strings(m.get("compare"))) {
        Optional<FieldComparison> c = RuleRequirement.comparison(s);
        if (c.isEmpty()) {
          return new Result(out, "requirements[" + i + "]: bad comparison " + s);
        }
        compare.add(c.get());
      }
      if (m.get("watch") != null) {
        List<String> paths = new ArrayList<>();
        paths.add(m.get("watch").toString());
        paths.addAll(strings(m.get("alternatives")));
        if (paths.stream().anyMatch(p -> !p.startsWith("/"))) {
          return new Result(out, "requirements[" + i + "]: watch paths must be absolute");
        }
        Object perms = m.get("perms");
        out.add(RuleRequirement.watch(paths, perms == null ? "wa" : perms.toString(), scope));
      } else if (m.get("syscalls") != null) {
        List<AuditArch> arches = new ArrayList<>();
        for (String a : strings(m.get("arches"))) {
          if (a.equals("b64")) {
            arches.add(AuditArch.B64);
          } else if (a.equals("b32")) {
            arches.add(AuditArch.B32);
          } else {
            return new Result(out, "requirements[" + i + "]: arches are b64 or b32, not " + a);
          }
        }
        out.add(RuleRequirement.syscalls(strings(m.get("syscalls")), arches, scope, compare));
      } else {
        return new Result(out, "requirements[" + i + "] needs watch or syscalls");
      }
    }
    return new Result(out, null);
  }

  record Result(List<RuleRequirement> requirements, String error) {}

  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return l.stream().map(Object::toString).toList();
    }
    return List.of(o.toString());
  }
}
