package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When the audit disk is full or failing, the host must not go on unaudited: disk_full_action and
 * disk_error_action from the profile's lists ({@code disk_full_action}, {@code disk_error_action}
 * params).
 */
public final class DiskFullErrorMatcher implements Matcher {
  @Override
  public String name() {
    return "auditd-conf-disk-full-error";
  }

  @Override
  public List<ParamSpec> parameters() {
    return List.of(ActionRule.actions("disk_full_action"), ActionRule.actions("disk_error_action"));
  }

  @Override
  public Set<CollectionItem> needs() {
    return AuditdConfView.needs();
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    AuditdConfView v = AuditdConfView.load(facts);
    if (v.early != null) {
      return v.early;
    }
    String profile = params.profile();
    List<Evidence> ev = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String key : List.of("disk_full_action", "disk_error_action")) {
      String r = ActionRule.check(v, key, params.strings(key), profile, ev);
      if (r != null) {
        bad.add(r);
      }
    }
    if (!bad.isEmpty()) {
      return Verdict.fail(String.join("; ", bad), ev);
    }
    return Verdict.pass(
        "disk full: "
            + v.setting("disk_full_action").value()
            + ", disk error: "
            + v.setting("disk_error_action").value(),
        ev);
  }
}
