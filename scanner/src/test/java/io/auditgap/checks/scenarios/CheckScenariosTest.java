package io.auditgap.checks.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.Finding;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.ParamOverrides;
import io.auditgap.facts.Facts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of every check ({@code src/test/resources/scenarios/CHECK/VERDICT-NAME/}, see
 * {@link Scenario}): the check evaluated on the scenario's files and command outputs gives the
 * verdict the directory is named after, with the reason {@code scenario.yaml} quotes.
 */
class CheckScenariosTest {
  static final Path ROOT = Path.of("src/test/resources/scenarios");
  static final MatcherRegistry REGISTRY = MatcherRegistry.builtIn();

  static CheckCatalog catalog() {
    try {
      return CheckCatalog.bundled(REGISTRY);
    } catch (CatalogException e) {
      throw new AssertionError(e);
    }
  }

  static List<Scenario> scenarios() throws IOException {
    try (Stream<Path> checks = Files.list(ROOT)) {
      return checks
          .filter(Files::isDirectory)
          .sorted()
          .flatMap(
              c -> {
                try (Stream<Path> s = Files.list(c)) {
                  return s.filter(Files::isDirectory).sorted().map(Scenario::at).toList().stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theCheckGivesTheScenariosVerdict(Scenario s) throws IOException {
    assertNotNull(s.expected(), s + ": name must start with pass, fail, unknown or not-applicable");
    CheckDefinition check =
        catalog().check(s.check()).orElseThrow(() -> new AssertionError("no check " + s.check()));
    CheckEvaluator evaluator = new CheckEvaluator(List.of(check), REGISTRY);
    Finding f =
        evaluator
            .evaluate(
                new Facts(s.snapshot(evaluator.needs())),
                Map.of(ParamOverrides.PROFILE, s.profile()))
            .get(0);
    assertEquals(s.expected(), f.status(), s + ": " + f.reason());
    assertTrue(f.reason().contains(s.reason()), s + ": reason was " + f.reason());
  }
}
