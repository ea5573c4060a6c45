package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditgap inventory check}: validate an inventory and show every host as resolved. */
@Command(
    name = "inventory",
    description = "Work with inventories.",
    mixinStandardHelpOptions = true,
    subcommands = {InventoryCommand.Check.class})
final class InventoryCommand {

  @Command(
      name = "check",
      description = "Validate an inventory and print each host with its inherited settings.",
      mixinStandardHelpOptions = true)
  static final class Check implements Callable<Integer> {
    @Option(
        names = {"-i", "--inventory"},
        paramLabel = "FILE",
        required = true,
        description = "Inventory YAML.")
    Path inventory;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Inventory inv = InventoryFiles.load(inventory, spec.commandLine().getErr());
      out.printf(
          "%-20s %-28s %-12s %-5s %-10s %s%n", "HOST", "ADDRESS", "USER", "SUDO", "JUMP", "GROUPS");
      for (HostSpec h : inv.hosts()) {
        out.printf(
            "%-20s %-28s %-12s %-5s %-10s %s%n",
            h.name(),
            h.address() + ":" + h.port(),
            h.user(),
            h.sudo(),
            h.jump() == null ? "-" : h.jump(),
            String.join(",", h.groups()));
      }
      out.printf("%s: %d hosts, valid%n", inventory, inv.hosts().size());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
