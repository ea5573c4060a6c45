package io.auditgap.cli;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.MatcherRegistry;
import java.nio.file.Path;
import java.util.List;
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

  final MatcherRegistry registry = MatcherRegistry.builtIn();

  CheckCatalog catalog() {
    try {
      return checksDir == null
          ? CheckCatalog.bundled(registry)
          : CheckCatalog.fromDirectory(checksDir, registry);
    } catch (CatalogException e) {
      throw new InputException(e.getMessage());
    }
  }

  List<CheckDefinition> selected() {
    if (!CheckCatalog.PROFILES.contains(profile)) {
      throw new InputException(
          "--profile: unknown profile '" + profile + "'; use one of " + CheckCatalog.PROFILES);
    }
    return catalog().forProfile(profile);
  }
}
