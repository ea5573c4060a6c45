package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.report.JsonReportReader;
import io.auditgap.scan.Assessment;
import io.auditgap.scan.ShardMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditgap merge}: join the report.json of sharded scans into one report. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Join the report.json files of 'scan --shard i/n' runs into the report one unsharded scan"
          + " gives, in any format.",
      "Example: auditgap merge shard-*/report.json -i inventory.yaml --format html,json -o out/"
    })
final class MergeCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "REPORT_JSON",
      arity = "1..*",
      description = "The shards' report.json files.")
  List<Path> inputs;

  @Option(
      names = {"-i", "--inventory"},
      paramLabel = "FILE",
      description =
          "The scanned inventory: hosts in its order, and every host must be in one report"
              + " (a missing shard is an error). Without it hosts are sorted by name.")
  Path inventory;

  @Mixin OutcomeOptions outcome = new OutcomeOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    outcome.validate();
    List<ShardMerge.Part> parts = new ArrayList<>();
    JsonReportReader reader = new JsonReportReader();
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new InputException(p + ": no such file");
      }
      try {
        parts.add(new ShardMerge.Part(p.toString(), reader.read(p)));
      } catch (IOException e) {
        throw new InputException(p + ": " + e.getMessage());
      }
    }
    List<String> order = List.of();
    if (inventory != null) {
      Inventory inv = InventoryFiles.load(inventory, spec.commandLine().getErr());
      order = inv.hosts().stream().map(HostSpec::name).toList();
      outcome.reports.inventoryBranding(inv.branding());
    }
    Assessment.Result merged = Assessment.merge(parts, order);
    return outcome.finish(merged, false, spec);
  }
}
