package io.auditgap.cli;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.MatcherRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven filtered into {@code auditgap-version.properties}. */
final class VersionProvider implements IVersionProvider {
  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/auditgap-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    String catalog = CheckCatalog.bundledVersion();
    int checks;
    try {
      checks = CheckCatalog.bundled(MatcherRegistry.builtIn()).checks().size();
    } catch (CatalogException e) {
      checks = -1;
    }
    return new String[] {
      "auditgap " + version(),
      "check catalog " + catalog + (checks < 0 ? "" : " (" + checks + " checks)"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
