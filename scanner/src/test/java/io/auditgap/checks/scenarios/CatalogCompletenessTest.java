package io.auditgap.checks.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.Status;
import io.auditgap.checks.matchers.exposure.NetworkProbeMatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalog and the matchers agree, and every check can be seen to work: each check names a
 * registered matcher, each registered matcher serves a check, and each check has at least one
 * passing and one failing scenario beside it.
 */
class CatalogCompletenessTest {
  private final CheckCatalog catalog = CheckScenariosTest.catalog();

  @Test
  void everyCheckResolvesToAMatcherAndEveryMatcherIsUsed() {
    Set<String> used = new TreeSet<>();
    for (CheckDefinition c : catalog.checks()) {
      assertTrue(CheckScenariosTest.REGISTRY.find(c.matcher()).isPresent(), c.id());
      used.add(c.matcher());
    }
    assertEquals(new TreeSet<>(CheckScenariosTest.REGISTRY.names()), used);
  }

  @Test
  void everyCheckHasAPassingAndAFailingScenario() throws IOException {
    List<Scenario> all = CheckScenariosTest.scenarios();
    List<String> lacking = new ArrayList<>();
    for (CheckDefinition c : catalog.checks()) {
      // decided by the network probe from outside the host, not by collected files: the probe's
      // own tests (io.auditgap.probe) play its scenarios against real listeners
      if (c.matcher().equals(NetworkProbeMatcher.NAME)) {
        continue;
      }
      Set<Status> seen =
          all.stream()
              .filter(s -> s.check().equals(c.id()))
              .map(Scenario::expected)
              .collect(Collectors.toSet());
      for (Status wanted : List.of(Status.PASS, Status.FAIL)) {
        if (!seen.contains(wanted)) {
          lacking.add(c.id() + " has no " + wanted + " scenario");
        }
      }
    }
    assertEquals(List.of(), lacking);
    Set<String> ids =
        catalog.checks().stream().map(CheckDefinition::id).collect(Collectors.toSet());
    for (Scenario s : all) {
      assertTrue(ids.contains(s.check()), s + ": no such check in the catalog");
    }
  }
}
