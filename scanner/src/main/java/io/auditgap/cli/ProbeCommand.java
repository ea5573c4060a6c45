package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.scan.Assessment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditgap probe}: network-only check of SSH exposure from one or more vantage points. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Probe every host's SSH port (and probe_ports) from each vantage: open, open-not-ssh,",
      "closed, filtered or unresolvable; banner, host key and offered auth methods (asked with",
      "'none': no credential is sent). Compares with the inventory's expected exposure and, with",
      "--baseline, with an earlier probe.json."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:exposure as expected",
      "1:a gap at or above --fail-on, or a new exposure since --baseline",
      "2:usage or input error",
      "3:some targets could not be judged (unresolvable, vantage unusable) and no gap"
    })
final class ProbeCommand implements Callable<Integer> {
  @Option(
      names = {"-i", "--inventory"},
      paramLabel = "FILE",
      required = true,
      description = "Inventory YAML.")
  Path inventory;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "Connect and banner timeout per target, e.g. 2s, 500ms (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin HostSelection selection = new HostSelection();

  @Option(
      names = "--accept-new-host-keys",
      description = "For SSH vantages: append unknown host keys to known_hosts.")
  boolean acceptNewHostKeys;

  @Mixin OutcomeOptions outcome = new OutcomeOptions();

  @Mixin VantageOptions vantages = new VantageOptions();

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "A probe.json from an earlier run: report exposure changes, fail on new exposure.")
  void baseline(Path probeJson) {
    vantages.baseline = probeJson;
  }

  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    outcome.validate();
    if (outcome.gate.newOnly()) {
      throw new InputException(
          "--fail-on new: the probe compares with --baseline probe.json itself; use a severity");
    }
    outcome.reports.checkOutput(); // probe.json goes there whatever the formats
    var err = spec.commandLine().getErr();
    Inventory all = InventoryFiles.load(inventory, err);
    List<HostSpec> selected = selection.select(all).hosts();
    Assessment.Result result =
        catalog
            .assessment()
            .probe(
                new Assessment.ProbeRequest(
                    all,
                    selected,
                    catalog.profile,
                    new Assessment.ProbeSettings(
                        vantages.from, vantages.validated(all), timeout, acceptNewHostKeys)));
    ProbeSupport.report(result.exposure(), err);
    Path written = ProbeSupport.write(result.exposure().report(), outcome.reports.output);
    int code = outcome.finish(result, false, spec);
    err.println("wrote " + written);
    err.flush();
    return code;
  }
}
