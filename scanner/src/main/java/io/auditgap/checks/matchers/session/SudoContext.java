package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.sudo.DefaultsEntry;
import io.auditgap.facts.sudo.SudoFacts;
import io.auditgap.facts.sudo.SudoVersion;
import io.auditgap.facts.sudo.SudoersPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sudo facts every sudo check starts from, or the verdict that ends it: not applicable without
 * sudo, unknown when the 0440 sudoers files cannot be read (no root).
 */
record SudoContext(SudoVersion version, SudoersPolicy policy, List<Evidence> evidence) {

  static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>(SudoFacts.VERSION.needs());
    n.addAll(SudoFacts.POLICY.needs());
    return n;
  }

  /** Either a context or a final verdict. */
  record Or(SudoContext context, Verdict verdict) {}

  static Or of(Facts facts) {
    Observed<Optional<SudoVersion>> v = facts.get(SudoFacts.VERSION);
    if (!v.isSeen()) {
      return new Or(null, Verdict.unknown("sudo's version could not be read: " + v.reason()));
    }
    List<Evidence> ev = new ArrayList<>();
    if (v.value().isEmpty()) {
      return new Or(
          null,
          Verdict.notApplicable(
              "sudo is not installed", List.of(Evidence.of("sudo -V", 0, "not found", null))));
    }
    SudoVersion said = v.value().get();
    // a version read from dpkg's database where sudo -V was not run (SudoFacts.SUDO_V)
    ev.add(
        said.fromPackage()
            ? Evidence.of("/var/lib/dpkg/status", 0, said.text(), null)
            : Evidence.of("sudo -V", 1, said.text(), null));
    Observed<Optional<SudoersPolicy>> p = facts.get(SudoFacts.POLICY);
    if (!p.isSeen()) {
      return new Or(
          null, Verdict.unknown("the sudoers policy could not be read: " + p.reason(), ev));
    }
    if (p.value().isEmpty()) {
      return new Or(
          null, Verdict.notApplicable("/etc/sudoers does not exist: sudo grants nothing", ev));
    }
    SudoersPolicy pol = p.value().get();
    for (String s : pol.skipped()) {
      ev.add(
          Evidence.of(
              s, 0, "", "ignored by sudo: @includedir skips names with '.' or ending in '~'"));
    }
    for (String pr : pol.problems()) {
      ev.add(Evidence.note(pr));
    }
    return new Or(new SudoContext(v.value().get(), pol, ev), null);
  }

  static Evidence of(DefaultsEntry d, String note) {
    return Evidence.of(d.at(), note);
  }

  /** A list parameter (already resolved for the profile), or {@code fallback} when unset. */
  static List<String> profileList(CheckParams params, String key, List<String> fallback) {
    List<String> plain = params.strings(key);
    return plain.isEmpty() ? fallback : plain;
  }
}
