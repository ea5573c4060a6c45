package io.auditgap.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI in-process (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AuditgapCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          // One clean line, never a stack trace: bad input says where and what to do.
          String msg = ex instanceof InputException ? ex.getMessage() : "error: " + ex;
          cmd.getErr().println(cmd.getColorScheme().errorText(msg));
          if (!(ex instanceof InputException) && System.getenv("AUDITGAP_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
          }
          return ExitCodes.USAGE;
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
