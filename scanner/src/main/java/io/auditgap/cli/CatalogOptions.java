package io.auditgap.cli;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.scan.Assessment;
import java.nio.file.Path;
import java.time.Clock;
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

  // Built on first use, not with the command line: a scan's first connections begin before.
  private MatcherRegistry registry;

  private CheckCatalog loaded;

  MatcherRegistry registry() {
    if (registry == null) {
      registry = MatcherRegistry.builtIn();
    }
    return registry;
  }

  /** The catalog, read and validated once per command. */
  CheckCatalog catalog() {
    if (loaded == null) {
      try {
        loaded =
            checksDir == null
                ? CheckCatalog.bundled(registry())
                : CheckCatalog.fromDirectory(checksDir, registry());
      } catch (CatalogException e) {
        throw new InputException(e.getMessage());
      }
    }
    return loaded;
  }

  /** The selected checks that are evaluated on collected snapshots (not by the network probe). */
  List<CheckDefinition> collected() {
    selected(); // the profile is checked here
    return assessment().collectedChecks(profile);
  }

  /** The assessment service on this catalog. */
  Assessment assessment() {
    return new Assessment(catalog(), registry(), Clock.systemUTC(), VersionProvider.version());
  }

  List<CheckDefinition> selected() {
    if (!CheckCatalog.PROFILES.contains(profile)) {
      throw new InputException(
          "--profile: unknown profile '" + profile + "'; use one of " + CheckCatalog.PROFILES);
    }
    return catalog().forProfile(profile);
  }
}
