package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.transport.AgentInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code auditgap inventory check|show}: validate an inventory and show every host as resolved. */
@Command(
    name = "inventory",
    description = "Work with inventories.",
    mixinStandardHelpOptions = true,
    subcommands = {InventoryCommand.Check.class, InventoryCommand.Show.class})
final class InventoryCommand {

  /**
   * Loads the hosts (inventory or named hosts, ssh_config, {@code --hosts}) and prints them, then a
   * summary line; check and show differ in what they print of each host.
   */
  abstract static class Hosts implements Callable<Integer> {
    @Mixin TargetOptions target = new TargetOptions();

    @Spec CommandSpec spec;

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Inventory inv = target.load(false, spec.commandLine().getErr());
      if (inv == null) {
        throw new InputException("give -i INVENTORY or hosts ([user@]host[:port])");
      }
      inv = target.selection.select(inv);
      print(inv.hosts(), out);
      out.printf("%s: %d hosts%s%n", inv.source(), inv.hosts().size(), summary());
      out.flush();
      return ExitCodes.OK;
    }

    abstract void print(List<HostSpec> hosts, PrintWriter out);

    /** What the summary line adds after the host count. */
    abstract String summary();
  }

  @Command(
      name = "check",
      description = "Validate an inventory and print each host with its inherited settings.",
      mixinStandardHelpOptions = true)
  static final class Check extends Hosts {
    @Override
    String summary() {
      return ", valid";
    }

    @Override
    void print(List<HostSpec> hosts, PrintWriter out) {
      out.printf(
          "%-20s %-28s %-12s %-5s %-10s %s%n", "HOST", "ADDRESS", "USER", "SUDO", "JUMP", "GROUPS");
      for (HostSpec h : hosts) {
        out.printf(
            "%-20s %-28s %-12s %-5s %-10s %s%n",
            h.name(),
            h.address() + ":" + h.port(),
            h.user(),
            h.sudo(),
            h.jump() == null ? "-" : h.jump(),
            String.join(",", h.groups()));
      }
    }
  }

  @Command(
      name = "show",
      description =
          "Print every resolved host and where each connection value came from (inventory"
              + " file:line, ssh_config file:line, agent, default).",
      mixinStandardHelpOptions = true)
  static final class Show extends Hosts {
    @Override
    String summary() {
      return "";
    }

    @Override
    void print(List<HostSpec> hosts, PrintWriter out) {
      for (HostSpec h : hosts) {
        out.println(h.name());
        if (h.isLocal()) {
          out.println("  local machine (no SSH)");
          continue;
        }
        row(out, "address", h.address(), h.ssh().source("address"));
        row(out, "port", String.valueOf(h.port()), h.ssh().source("port"));
        row(out, "user", h.user(), h.ssh().source("user"));
        row(
            out,
            "identity_file",
            h.identityFiles().isEmpty() ? "-" : join(h.identityFiles()),
            h.ssh().source("identity_file"));
        if (!h.ssh().certificateFiles().isEmpty()) {
          row(
              out,
              "certificate_file",
              join(h.ssh().certificateFiles()),
              h.ssh().source("certificate_file"));
        }
        String agentSocket = AgentInfo.socket(h.ssh().identityAgent(), System::getenv);
        row(
            out,
            "agent",
            AgentInfo.describe(agentSocket, h.ssh().identityAgent()),
            h.ssh().source("identity_agent") != null
                ? h.ssh().source("identity_agent")
                : "environment (SSH_AUTH_SOCK)");
        if (h.ssh().identitiesOnly()) {
          row(out, "identities_only", "yes", h.ssh().source("identities_only"));
        }
        row(
            out,
            "known_hosts",
            h.knownHosts() == null ? "~/.ssh/known_hosts" : h.knownHosts().toString(),
            h.ssh().source("known_hosts"));
        if (h.ssh().hostKeyAlias() != null) {
          row(out, "host_key_alias", h.ssh().hostKeyAlias(), h.ssh().source("host_key_alias"));
        }
        if (h.ssh().strictHostKeyChecking() != null) {
          row(
              out,
              "strict_host_key_checking",
              h.ssh().strictHostKeyChecking(),
              h.ssh().source("strict_host_key_checking"));
        }
        if (h.ssh().connectTimeout() != null) {
          row(
              out,
              "connect_timeout",
              h.ssh().connectTimeout().toSeconds() + "s",
              h.ssh().source("connect_timeout"));
        }
        row(out, "jump", h.jump() == null ? "-" : h.jump(), h.ssh().source("jump"));
        row(out, "sudo", String.valueOf(h.sudo()), h.ssh().source("sudo"));
        row(out, "groups", h.groups().isEmpty() ? "-" : String.join(",", h.groups()), null);
      }
    }

    private static void row(PrintWriter out, String key, String value, String from) {
      out.printf("  %-24s %-40s %s%n", key, value, from == null ? "" : "(" + from + ")");
    }

    private static String join(List<Path> paths) {
      return String.join(" ", paths.stream().map(Path::toString).toList());
    }
  }
}
