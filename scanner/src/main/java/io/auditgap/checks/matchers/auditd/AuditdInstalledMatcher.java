package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.system.PackageState;
import io.auditgap.facts.system.SystemFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asserts that the audit userspace is installed: the package database says so <em>and</em> the
 * daemon binary exists. Config files alone prove nothing: a removed package ({@code rc}) leaves
 * {@code /etc/audit} behind.
 */
public final class AuditdInstalledMatcher extends GatedMatcher {
  private static final List<String> PACKAGE_NAMES = List.of("auditd", "audit");

  public AuditdInstalledMatcher() {
    super(
        "auditd-installed",
        needsOf(List.of(SystemFacts.PACKAGES_STATE, SystemFacts.BINARIES_FOUND)),
        Gate.container("auditd runs on the container host"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<Map<String, String>> bins = facts.get(SystemFacts.BINARIES_FOUND);
    Observed<Map<String, PackageState>> pkgs = facts.get(SystemFacts.PACKAGES_STATE);
    List<Evidence> ev = new ArrayList<>();
    String binary = bins.isSeen() ? bins.value().get("auditd") : null;
    if (bins.isSeen()) {
      ev.add(
          Evidence.of(
              "command -v auditd",
              0,
              binary == null ? "(not found)" : binary,
              binary == null ? "auditd binary not on PATH" : "auditd binary present"));
    }
    PackageState pkg = null;
    if (pkgs.isSeen()) {
      for (String n : PACKAGE_NAMES) {
        if (pkgs.value().containsKey(n)) {
          pkg = pkgs.value().get(n);
          break;
        }
      }
      ev.add(
          Evidence.of(
              "package database",
              0,
              pkg == null
                  ? "auditd/audit: not known"
                  : pkg.name() + " " + pkg.version() + " " + pkg.status(),
              pkg == null ? "no audit package" : pkg.installed() ? "installed" : "not installed"));
    }
    if (!bins.isSeen() && !pkgs.isSeen()) {
      return Verdict.unknown(
          "neither the package database nor the PATH could be read: " + bins.reason(), ev);
    }
    if (pkg != null && !pkg.installed()) {
      return Verdict.fail(
          "package "
              + pkg.name()
              + " is not installed (dpkg status "
              + pkg.status()
              + (pkg.status().startsWith("rc")
                  ? ": removed, configuration files left behind)"
                  : ")"),
          ev);
    }
    if (binary == null && bins.isSeen()) {
      return Verdict.fail(
          pkg == null
              ? "auditd is not installed: no audit package and no auditd binary"
              : "package "
                  + pkg.name()
                  + " is recorded as installed but the auditd binary is missing",
          ev);
    }
    if (pkg == null && pkgs.isSeen()) {
      return Verdict.fail("the package database has no auditd/audit package", ev);
    }
    if (binary != null && pkg != null) {
      return Verdict.pass(
          "package " + pkg.name() + " " + pkg.version() + " installed, binary " + binary, ev);
    }
    if (binary != null) {
      return Verdict.pass(
          "auditd binary present at "
              + binary
              + " (package database not readable: "
              + pkgs.reason()
              + ")",
          ev);
    }
    return Verdict.unknown(
        "the package says installed but the PATH could not be checked: " + bins.reason(), ev);
  }
}
