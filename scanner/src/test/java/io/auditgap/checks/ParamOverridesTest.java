package io.auditgap.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters set by the user: only declared, settable ones, read by their declared type. */
class ParamOverridesTest {
  private final MatcherRegistry registry = MatcherRegistry.builtIn();
  private final CheckCatalog catalog = catalog();

  private CheckCatalog catalog() {
    try {
      return CheckCatalog.bundled(registry);
    } catch (CatalogException e) {
      throw new AssertionError(e);
    }
  }

  private String refused(String key, Object value) {
    return assertThrows(
            IllegalArgumentException.class,
            () ->
                ParamOverrides.validate(Map.of(key, value), catalog.checks(), registry, "--param"))
        .getMessage();
  }

  @Test
  void aCatalogParameterCannotBeOverridden() {
    assertEquals(
        "--param: 'requirements' is defined by the check catalog for audit.rules-identity,"
            + " audit.rules-mount and 6 more and cannot be overridden (copy the catalog and use --checks-dir to change it); settable:"
            + " log_server, retention_days, retention_immediate_days, siem_retention_days,"
            + " tty_audit_users, uid_min",
        refused("requirements", "x"));
  }

  @Test
  void aMisspelledParameterGetsASuggestion() {
    assertEquals(
        "--param: unknown check parameter 'retention_dayz'; did you mean 'retention_days'?"
            + " (settable: log_server, retention_days, retention_immediate_days,"
            + " siem_retention_days, tty_audit_users, uid_min)",
        refused("retention_dayz", "30"));
  }

  @Test
  void aMisspelledCatalogParameterIsNamedAsNotSettable() {
    assertEquals(
        "--param: unknown check parameter 'requirments'; did you mean 'requirements'? (defined by"
            + " the check catalog, not settable) (settable: log_server, retention_days,"
            + " retention_immediate_days, siem_retention_days, tty_audit_users, uid_min)",
        refused("requirments", "x"));
  }

  @Test
  void aValueIsReadByItsDeclaredType() {
    assertEquals("--param: uid_min must be an integer (got \"lots\")", refused("uid_min", "lots"));
    assertEquals(
        "--param: log_server must be true or false (got \"yes\")", refused("log_server", "yes"));
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("uid_min", "2000");
    raw.put("tty_audit_users", "alice,bob");
    raw.put("profile", "cis");
    assertEquals(
        Map.of("uid_min", 2000L, "tty_audit_users", List.of("alice", "bob"), "profile", "cis"),
        ParamOverrides.validate(raw, catalog.forProfile("cis"), registry, "--param"));
  }

  @Test
  void aSettableOverrideWinsOverTheCatalogAndOthersNeverReachTheCheck() {
    CheckDefinition identity = catalog.check("audit.rules-identity").orElseThrow();
    Matcher m = registry.find(identity.matcher()).orElseThrow();
    CheckParams p =
        ParamOverrides.forCheck(
            identity, m, Map.of("uid_min", 5000L, "retention_days", 7L, "profile", "stig"));
    assertEquals(5000, p.integer("uid_min", 0));
    assertEquals("stig", p.profile());
    assertEquals(null, p.values().get("retention_days"));
    assertEquals(identity.params().get("requirements"), p.values().get("requirements"));
  }

  @Test
  void perProfileValuesAreResolvedForTheScansProfile() {
    CheckDefinition level = catalog.check("sshd.log-level").orElseThrow();
    Matcher m = registry.find(level.matcher()).orElseThrow();
    assertEquals(
        List.of("INFO", "VERBOSE"),
        ParamOverrides.forCheck(level, m, Map.of("profile", "cis")).strings("accepted_levels"));
    assertEquals(
        List.of("VERBOSE"),
        ParamOverrides.forCheck(level, m, Map.of("profile", "stig")).strings("accepted_levels"));
  }
}
