package io.auditgap.cli;

import io.auditgap.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which hosts a command works on: an inventory file or hosts named on the command line, reached as
 * {@link ReachOptions} says, narrowed by {@code --hosts}; shared by scan and inventory.
 */
final class TargetOptions {
  @Option(
      names = {"-i", "--inventory"},
      paramLabel = "FILE",
      description =
          "Inventory: auditgap YAML, Ansible INI/YAML, or 'ansible-inventory --list' JSON.")
  Path inventory;

  @Parameters(
      paramLabel = "HOST",
      arity = "0..*",
      description =
          "Hosts to work on without an inventory: [user@]host[:port]; ~/.ssh/config and the"
              + " ssh-agent apply.")
  List<String> named;

  @Mixin ReachOptions reach = new ReachOptions();

  @Mixin HostSelection selection = new HostSelection();

  /** Every host of the inventory or named on the command line; null when neither is given. */
  Inventory load(boolean sudo, PrintWriter err) {
    return reach.load(inventory, named, sudo, err);
  }

  /** True when hosts are named on the command line. */
  boolean namesHosts() {
    return named != null && !named.isEmpty();
  }
}
