package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code scanner/src/test/resources/report/golden/}. Run the tests with {@code
 * UPDATE_GOLDEN=1} in the environment (or {@code -DupdateGolden=true}) to rewrite them, then review
 * the diff.
 */
final class Golden {
  static final Path DIR = Path.of("src", "test", "resources", "report", "golden");

  private Golden() {}

  static boolean updating() {
    return "1".equals(System.getenv("UPDATE_GOLDEN"))
        || Boolean.parseBoolean(System.getProperty("updateGolden"));
  }

  static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (updating()) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(file),
        "missing golden file " + file.toAbsolutePath() + "; run with UPDATE_GOLDEN=1 to create it");
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(
        expected, actual, name + " differs from golden file; run with UPDATE_GOLDEN=1 if intended");
  }
}
