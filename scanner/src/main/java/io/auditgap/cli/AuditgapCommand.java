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
      ChecksCommand.class,
      InventoryCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no gap at or above --fail-on, every host fully assessed",
      "1:at least one gap at or above --fail-on",
      "2:usage or input error (inventory, options)",
      "3:a host could not be fully assessed and no gap at or above --fail-on"
    })
final class AuditgapCommand {}
