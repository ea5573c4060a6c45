package io.auditgap.cli;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.collect.CollectorScript;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code auditgap collector}: print the exact collector script, with its manifest, for the fleet's
 * own automation to run; {@code auditgap evaluate} reads the bundles it prints.
 */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    description = {
      "Print the collector script (POSIX sh, read-only) with its manifest, for any runner to"
          + " execute on each host as root: Ansible 'script', SSM Run Command, Salt, sudo sh.",
      "Save each host's standard output as BUNDLE_DIR/<host>.bundle, then run"
          + " 'auditgap evaluate BUNDLE_DIR'.",
      "Example: auditgap collector > collect.sh && sudo sh collect.sh > $(hostname).bundle"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:script printed", ExitCodes.USAGE_HELP})
final class CollectorCommand implements Callable<Integer> {
  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CheckEvaluator evaluator = new CheckEvaluator(catalog.collected(), catalog.registry());
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        CollectorScript.renderStandalone(
            evaluator.needs(),
            HexFormat.of().formatHex(nonce),
            CollectorLimits.DEFAULT,
            List.of(
                "auditgap "
                    + VersionProvider.version()
                    + " collector "
                    + CollectorScript.VERSION
                    + ", profile "
                    + catalog.profile
                    + ".",
                "Run as root (sudo sh collect.sh > HOST.bundle); it only reads. Hand the bundle"
                    + " back unchanged:",
                "'auditgap evaluate' refuses a bundle that was cut short or edited (checksum on"
                    + " the last line).")));
    out.flush();
    return ExitCodes.OK;
  }
}
