package io.auditgap.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The root command: {@code auditgap}. */
@Command(
    name = "auditgap",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks that SSH sessions on Linux hosts are really audited: auditd rules, session capture,",
      "forwarding, retention and sshd logging, with evidence for every gap."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_HELP,
      ExitCodes.GAPS_HELP,
      ExitCodes.USAGE_HELP,
      ExitCodes.INCOMPLETE_HELP,
      ExitCodes.INTERNAL_HELP
    })
final class AuditgapCommand {
  /**
   * The subcommands, in help order. {@link Main} registers them itself: building picocli's model of
   * every subcommand (reflection over each one's options and mixins) was most of the start-up CPU
   * of a command that runs only one of them.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ScanCommand.class,
          EvaluateCommand.class,
          ProbeCommand.class,
          ReportCommand.class,
          DiffCommand.class,
          MergeCommand.class,
          CollectorCommand.class,
          ChecksCommand.class,
          InventoryCommand.class,
          HelpCommand.class);

  /** The subcommand named {@code name} (exactly, as typed), or null. */
  static Class<?> named(String name) {
    for (Class<?> c : SUBCOMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }
}
