package io.auditgap.cli;

import io.auditgap.checks.ParamOverrides;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Check parameters on the command line; offered only by the commands that evaluate collected
 * evidence (scan, evaluate), not by the network-only probe.
 */
final class CheckParamOptions {
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

  /**
   * Check parameters given on the command line, plus the profile; these override the inventory.
   * Only parameters a selected check declares settable are accepted, typed by their declaration.
   */
  Map<String, Object> settings(CatalogOptions catalog) {
    Map<String, Object> s = new LinkedHashMap<>(given(catalog));
    s.put(ParamOverrides.PROFILE, catalog.profile);
    return s;
  }

  /** Only the check parameters given on the command line, typed; no profile. */
  Map<String, Object> given(CatalogOptions catalog) {
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
    try {
      return ParamOverrides.validate(s, catalog.selected(), catalog.registry(), "--param");
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
