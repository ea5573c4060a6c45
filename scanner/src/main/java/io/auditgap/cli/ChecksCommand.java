package io.auditgap.cli;

import io.auditgap.checks.CheckDefinition;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code auditgap checks list}: the catalog, as the scanner will evaluate it. */
@Command(
    name = "checks",
    description = "Show the check catalog.",
    mixinStandardHelpOptions = true,
    subcommands = {ChecksCommand.ListChecks.class})
final class ChecksCommand {

  @Command(
      name = "list",
      description = "List the checks a profile selects.",
      mixinStandardHelpOptions = true)
  static final class ListChecks implements Callable<Integer> {
    @Mixin CatalogOptions catalog = new CatalogOptions();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<CheckDefinition> checks = catalog.selected();
      var out = spec.commandLine().getOut();
      out.printf("%-24s %-9s %-20s %s%n", "ID", "SEVERITY", "MATCHER", "TITLE");
      for (CheckDefinition c : checks) {
        out.printf("%-24s %-9s %-20s %s%n", c.id(), c.severity().id(), c.matcher(), c.title());
      }
      out.printf("%d checks in profile %s%n", checks.size(), catalog.profile);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
