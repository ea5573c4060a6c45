package io.auditgap.cli;

import io.auditgap.scan.RequestException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartupWarmup.start();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI in-process (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
  }

  /** The whole command tree (help, documentation). */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, null);
  }

  /**
   * @param first the first argument: when it names a subcommand other than {@code help}, only that
   *     subcommand is built (usage, errors and suggestions need the whole tree, and get it)
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
    CommandLine cl = new CommandLine(new AuditgapCommand());
    Class<?> only = first == null ? null : AuditgapCommand.named(first);
    for (Class<?> c : AuditgapCommand.SUBCOMMANDS) {
      if (only == null || only == HelpCommand.class || c == only) {
        cl.addSubcommand(c);
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          // One clean line, never a stack trace: bad input says where and what to do.
          if (ex instanceof InputException || ex instanceof RequestException) {
            cmd.getErr().println(cmd.getColorScheme().errorText(ex.getMessage()));
            return ExitCodes.USAGE;
          }
          // Anything else is a bug, not the user's mistake: say so, and keep the trace for the
          // bug report instead of printing it.
          cmd.getErr().println(cmd.getColorScheme().errorText(InternalError.report(ex)));
          if (System.getenv("AUDITGAP_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
          }
          return ExitCodes.INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
          cmd.getErr()
              .println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCodes.USAGE;
        });
    return cl;
  }
}
