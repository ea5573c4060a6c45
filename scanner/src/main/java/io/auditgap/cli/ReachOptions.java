package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryFormat;
import io.auditgap.inventory.SshConfigApplier;
import io.auditgap.inventory.sshconfig.SshConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How hosts are found and reached: inventory format, ssh_config, quick targets. */
final class ReachOptions {
  @Option(
      names = "--ssh-config",
      paramLabel = "FILE|none",
      description =
          "OpenSSH client config to apply (default: ~/.ssh/config, then /etc/ssh/ssh_config);"
              + " 'none' reads none.")
  String sshConfig;

  @Option(
      names = "--inventory-format",
      paramLabel = "FORMAT",
      description =
          "auto (default), auditgap, ansible-ini, ansible-yaml or ansible-json"
              + " (the output of 'ansible-inventory --list').")
  String inventoryFormat;

  private SshConfigApplier applier;

  SshConfigApplier applier() {
    if (applier == null) {
      applier = new SshConfigApplier(sshConfig());
    }
    return applier;
  }

  private SshConfig sshConfig() {
    Path home = Path.of(System.getProperty("user.home"));
    String user = System.getProperty("user.name");
    String localHost = localHost();
    String uid = uid();
    if ("none".equals(sshConfig)) {
      return SshConfig.none(home, user, localHost, uid, System::getenv);
    }
    if (sshConfig != null) {
      Path f = Path.of(sshConfig);
      if (!Files.isRegularFile(f)) {
        throw new InputException("--ssh-config: " + f + " is not a file (or say 'none')");
      }
      return SshConfig.of(f, home, user, localHost, uid, System::getenv);
    }
    return SshConfig.userAndSystem(
        home.resolve(".ssh").resolve("config"), home, user, localHost, uid, System::getenv);
  }

  /**
   * The hosts to work on: the inventory file (any supported format) or the quick targets, with
   * ssh_config applied; null when neither is given (the local machine).
   */
  Inventory load(Path inventory, List<String> targets, boolean sudo, PrintWriter err) {
    try {
      if (inventory != null && targets != null && !targets.isEmpty()) {
        throw new InputException(
            "give either -i INVENTORY or hosts on the command line, not both (use --hosts to pick"
                + " from an inventory)");
      }
      if (inventory != null) {
        InventoryFormat format = InventoryFormat.parse(inventoryFormat);
        Inventory inv = InventoryFiles.load(inventory, format, err);
        return applier().apply(inv);
      }
      if (targets != null && !targets.isEmpty()) {
        List<HostSpec> hosts = new ArrayList<>();
        for (String t : targets) {
          HostSpec h = applier().quickTarget(t, sudo);
          if (hosts.stream().anyMatch(x -> x.name().equals(h.name()))) {
            throw new InputException("host " + t + " is given twice");
          }
          hosts.add(h);
        }
        return new Inventory("(command line)", hosts);
      }
      return null;
    } catch (InventoryException e) {
      throw new InputException(e.getMessage());
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The real uid ({@code %i}), from /proc on Linux. */
  private static String uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1];
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: fall through
    }
    return "0";
  }
}
