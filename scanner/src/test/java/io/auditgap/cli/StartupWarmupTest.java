package io.auditgap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The start-up settings name what the libraries would search the class path for; a user's own win.
 */
class StartupWarmupTest {
  @Test
  void namesTheProviderAndTurnsTheClosureProbeOffUnlessTheUserSetThemOtherwise() {
    String provider = System.getProperty("slf4j.provider");
    String closures = System.getProperty("picocli.disable.closures");
    String verbosity = System.getProperty("slf4j.internal.verbosity");
    try {
      System.clearProperty("slf4j.provider");
      System.setProperty("picocli.disable.closures", "false");
      System.clearProperty("slf4j.internal.verbosity");
      StartupWarmup.start();
      // the provider shipped, on the class path
      assertEquals(
          org.slf4j.simple.SimpleServiceProvider.class.getName(),
          System.getProperty("slf4j.provider"));
      assertEquals("false", System.getProperty("picocli.disable.closures"), "the user's own");
      assertEquals("WARN", System.getProperty("slf4j.internal.verbosity"));
    } finally {
      restore("slf4j.provider", provider);
      restore("picocli.disable.closures", closures);
      restore("slf4j.internal.verbosity", verbosity);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
