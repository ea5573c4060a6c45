package io.auditgap.cli;

import picocli.CommandLine.Command;

/** The root command: {@code auditgap}. */
@Command(
    name = "auditgap",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks that SSH sessions on Linux hosts are really audited: auditd rules, session capture,",
      "forwarding, retention and sshd logging, with evidence for every gap."
    },
    subcommands = {
      ScanCommand.class,
      EvaluateCommand.class,
      ProbeCommand.class,
      ReportCommand.class,
      MergeCommand.class,
      CollectorCommand.class,
      ChecksCommand.class,
      InventoryCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_HELP,
      ExitCodes.GAPS_HELP,
      ExitCodes.USAGE_HELP,
      ExitCodes.INCOMPLETE_HELP
    })
final class AuditgapCommand {}
