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
    assertTrue(e.getMessage().contains("bad.yaml: x.y: no matcher named 'nope'"), e.getMessage());
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
}
