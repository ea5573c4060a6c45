package io.auditgap.cli;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.ParamOverrides;
import io.auditgap.checks.matchers.exposure.NetworkProbeMatcher;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that choose the check catalog and profile; shared by commands that evaluate checks. */
final class CatalogOptions {
  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "baseline",
      description = "Check profile: baseline, cis, stig or pci (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--checks-dir",
      paramLabel = "DIR",
      description = "Load the check catalog from DIR instead of the bundled one.")
  Path checksDir;

  @Option(
      names = "--retention-days",
      paramLabel = "DAYS",
      description = "Required log retention in days (default 365, per PCI DSS 10.5.1).")
  Integer retentionDays;

  @Option(
      names = "--uid-min",
      paramLabel = "UID",
      description = "First uid of interactive users (default: the host's login.defs UID_MIN).")
  Integer uidMin;

  @Option(
      names = "--tty-audit-users",
      paramLabel = "USER",
      split = ",",
      description = "Users whose SSH sessions must be TTY-audited (default: interactive users).")
  List<String> ttyAuditUsers;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = "Any other check parameter; overrides the inventory's params.")
  Map<String, String> params;

  final MatcherRegistry registry = MatcherRegistry.builtIn();

  /**
   * Check parameters given on the command line, plus the profile; these override the inventory.
   * Only parameters a selected check declares settable are accepted, typed by their declaration.
   */
  Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    if (params != null) {
      s.putAll(params);
    }
    if (retentionDays != null) {
      if (retentionDays < 1) {
        throw new InputException("--retention-days must be at least 1");
      }
      s.put("retention_days", retentionDays);
    }
    if (uidMin != null) {
      s.put("uid_min", uidMin);
    }
    if (ttyAuditUsers != null) {
      s.put("tty_audit_users", List.copyOf(ttyAuditUsers));
    }
    s.put(ParamOverrides.PROFILE, profile);
    try {
      return ParamOverrides.validate(s, selected(), registry, "--param");
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  private CheckCatalog loaded;

  /** The catalog, read and validated once per command. */
  CheckCatalog catalog() {
    if (loaded == null) {
      try {
        loaded =
            checksDir == null
                ? CheckCatalog.bundled(registry)
                : CheckCatalog.fromDirectory(checksDir, registry);
      } catch (CatalogException e) {
        throw new InputException(e.getMessage());
      }
    }
    return loaded;
  }

  /** The selected checks that are evaluated on collected snapshots (not by the network probe). */
  List<CheckDefinition> collected() {
    return selected().stream().filter(c -> !c.matcher().equals(NetworkProbeMatcher.NAME)).toList();
  }

  List<CheckDefinition> selected() {
    if (!CheckCatalog.PROFILES.contains(profile)) {
      throw new InputException(
          "--profile: unknown profile '" + profile + "'; use one of " + CheckCatalog.PROFILES);
    }
    return catalog().forProfile(profile);
  }
}
