package io.auditgap.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCatalogTest {
  private static final Path CHECKS_DIR = Path.of("..", "checks");
  private final MatcherRegistry registry = MatcherRegistry.builtIn();

  @Test
  void indexListsEveryCatalogFile() throws IOException {
    Set<String> onDisk;
    try (Stream<Path> s = Files.list(CHECKS_DIR)) {
      onDisk =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("index.yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    String index = Files.readString(CHECKS_DIR.resolve("index.yaml"));
    for (String f : onDisk) {
      assertTrue(index.contains("- " + f), "checks/index.yaml does not list " + f);
    }
  }

  @Test
  void bundledCatalogLoadsAndEveryCheckIsComplete() throws CatalogException {
    CheckCatalog c = CheckCatalog.bundled(registry);
    assertFalse(c.checks().isEmpty());
    for (CheckDefinition d : c.checks()) {
      assertFalse(d.rationale().isBlank(), d.id());
      assertFalse(d.remediation().isBlank(), d.id());
      assertFalse(d.references().isEmpty(), d.id() + " has no references");
      assertFalse(d.profiles().isEmpty(), d.id() + " is in no profile");
      assertTrue(registry.find(d.matcher()).isPresent(), d.id());
    }
    assertEquals(
        CheckCatalog.bundled(registry).checks().size(),
        CheckCatalog.fromDirectory(CHECKS_DIR, registry).checks().size());
  }

  @Test
  void everyCheckNamesAMatcherRegisteredForItsCatalogFamily() throws CatalogException {
    for (CheckDefinition d : CheckCatalog.bundled(registry).checks()) {
      assertTrue(
          registry.family(d.family()).stream().anyMatch(m -> m.name().equals(d.matcher())),
          d.id() + ": matcher " + d.matcher() + " is not registered for family " + d.family());
    }
  }

  @Test
  void thePasswordCheckAloneCollectsWhatSshdOffersAPublicSource() throws CatalogException {
    CheckCatalog c = CheckCatalog.bundled(registry);
    java.util.List<CheckDefinition> only =
        c.checks().stream().filter(d -> d.id().equals("exposure.password-auth")).toList();
    assertEquals(1, only.size());
    assertTrue(
        new CheckEvaluator(only, registry)
            .needs()
            .contains(io.auditgap.facts.sshd.SshdFacts.SSHD_T_USERS),
        "the Match Address exception must not depend on another check being selected");
  }

  @Test
  void theWholeCatalogRendersOneCollectorScriptWithUniqueItemNames() throws CatalogException {
    CheckCatalog c = CheckCatalog.bundled(registry);
    java.util.Set<io.auditgap.collect.CollectionItem> needs =
        new CheckEvaluator(c.checks(), registry).needs();
    assertTrue(needs.size() > 20, "items: " + needs.size());
    String script =
        io.auditgap.collect.CollectorScript.render(
            needs, "0123456789abcdef", io.auditgap.collect.CollectorLimits.DEFAULT);
    assertTrue(script.endsWith("ag_main\n"));
  }

  @Test
  void requiredIdsExist() throws CatalogException {
    CheckCatalog c = CheckCatalog.bundled(registry);
    for (String id :
        List.of(
            "auditd.installed",
            "auditd.running",
            "audit.execve",
            "audit.immutable",
            "audit.rules-drift",
            "pam.tty-audit",
            "logs.forwarding",
            "audit.forwarding",
            "retention.auth-log",
            "retention.audit-log",
            "sshd.log-level",
            "exposure.ssh-port",
            "exposure.password-auth")) {
      assertTrue(c.check(id).isPresent(), id);
    }
  }

  @Test
  void unknownMatcherIsRefusedWithFileAndId(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "checks:\n  - id: x.y\n    title: t\n    severity: high\n    matcher: nope\n"
            + "    rationale: r\n    remediation: m\n    profiles: [baseline]\n");
    CatalogException e =
        assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry));
    assertTrue(
        e.getMessage().contains("bad.yaml:5:14: x.y: no matcher named 'nope'"), e.getMessage());
  }

  @Test
  void anUnknownKeyWithALineBreakOrAnEscapeIsShownInertOnOneLine(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "checks:\n  - id: x.y\n    title: t\n    severity: high\n    matcher: auditd-running\n"
            + "    rationale: r\n    remediation: m\n    profiles: [baseline]\n"
            + "    \"ti\\ntle\\e[2J\": t\n");
    String m =
        assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry))
            .getMessage();
    assertTrue(m.contains("x.y: unknown key 'ti\\ntle\\x1b[2J'"), m);
    assertFalse(m.contains("\n") || m.contains("\u001b"), m);
  }

  @Test
  void duplicateKeysAndIdsAreRefused(@TempDir Path dir) throws IOException {
    String check =
        "  - id: x.y\n    title: t\n    severity: high\n    matcher: auditd-running\n"
            + "    rationale: r\n    remediation: m\n    profiles: [baseline]\n";
    Files.writeString(dir.resolve("a.yaml"), "checks:\n" + check + check);
    CatalogException e =
        assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry));
    assertTrue(e.getMessage().contains("duplicate check id"), e.getMessage());
    Files.writeString(dir.resolve("a.yaml"), "checks: []\nchecks: []\n");
    e = assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry));
    assertTrue(e.getMessage().startsWith(dir.resolve("a.yaml") + ":2:"), e.getMessage());
  }

  private static final String ENTRY =
      "checks:\n  - id: kernel.x\n    title: t\n    severity: high\n"
          + "    matcher: kernel-boot-param\n    rationale: r\n    remediation: m\n"
          + "    profiles: [baseline]\n    params:\n";

  private String refused(Path dir, String params) throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), ENTRY + params);
    return assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry))
        .getMessage();
  }

  @Test
  void aMisspelledParameterIsRefusedWithItsPosition(@TempDir Path dir) throws IOException {
    String m = refused(dir, "      parameter: audit\n      acept: [\"1\"]\n");
    assertEquals(
        dir.resolve("bad.yaml")
            + ":11:7: kernel.x: unknown parameter 'acept' for matcher kernel-boot-param;"
            + " did you mean 'accept'? (declared: parameter, accept, forbid, min)",
        m);
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedWithItsPosition(@TempDir Path dir) throws IOException {
    String m = refused(dir, "      min: lots\n");
    assertEquals(
        dir.resolve("bad.yaml") + ":10:12: kernel.x: min must be an integer (got \"lots\")", m);
    m = refused(dir, "      parameter: {cis: audit}\n");
    assertTrue(m.endsWith(":10:18: kernel.x: parameter takes one value for every profile"), m);
    m = refused(dir, "      min: {baseline: 1, strict: 2}\n");
    assertTrue(m.contains(":10:26: kernel.x: min: unknown profile 'strict'"), m);
  }

  @Test
  void scalarsAreTextNotYaml11Booleans(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("ok.yaml"), ENTRY + "      accept: [1, on]\n      forbid: [0, off, no]\n");
    CheckDefinition d = CheckCatalog.fromDirectory(dir, registry).checks().get(0);
    assertEquals(List.of("1", "on"), d.params().get("accept"));
    assertEquals(List.of("0", "off", "no"), d.params().get("forbid"));
  }

  @Test
  void malformedRuleRequirementsFailAtLoad(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        ENTRY.replace("kernel-boot-param", "audit-rule-coverage")
            + "      requirements:\n        - {watch: etc/passwd, perms: wa}\n");
    String m =
        assertThrows(CatalogException.class, () -> CheckCatalog.fromDirectory(dir, registry))
            .getMessage();
    assertTrue(m.endsWith(":11:9: kernel.x: requirements[0]: watch paths must be absolute"), m);
  }
}
