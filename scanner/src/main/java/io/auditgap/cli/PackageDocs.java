package io.auditgap.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Generates the installed documentation from the picocli command model, so that it never drifts
 * from the options: the man page {@code auditgap.1} (troff), bash completion {@code auditgap} and
 * zsh completion {@code _auditgap} (picocli's bash script loaded through zsh's bashcompinit). The
 * build runs {@link #main} at prepare-package.
 */
public final class PackageDocs {
  private PackageDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: PackageDocs OUTPUT_DIR");
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    PrintWriter sink = new PrintWriter(new StringWriter());
    CommandLine cl = Main.commandLine(sink, sink);
    String man = manPage(cl);
    Files.writeString(dir.resolve("auditgap.1"), man, StandardCharsets.UTF_8);
    // Debian installs man pages gzipped; GZIPOutputStream writes no timestamp (reproducible).
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("auditgap.1.gz")))) {
      out.write(man.getBytes(StandardCharsets.UTF_8));
    }
    String bash = AutoComplete.bash("auditgap", cl);
    Files.writeString(dir.resolve("auditgap.bash"), bash, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("_auditgap"), zsh(bash), StandardCharsets.UTF_8);
  }

  /** The man page: name, synopsis, description, every command's usage, exit status, files. */
  static String manPage(CommandLine root) {
    String version = VersionProvider.version();
    StringBuilder m = new StringBuilder();
    m.append(".\\\" Generated from the picocli command model by io.auditgap.cli.PackageDocs.\n");
    m.append(".TH AUDITGAP 1 \"\" \"auditgap ").append(version).append("\" \"User Commands\"\n");
    m.append(".SH NAME\nauditgap \\- verify that SSH sessions on Linux hosts are audited\n");
    m.append(".SH SYNOPSIS\n.B auditgap\n.I COMMAND\n[\\fIOPTIONS\\fR]\n");
    m.append(".SH DESCRIPTION\n");
    for (String line : root.getCommandSpec().usageMessage().description()) {
      m.append(escape(line)).append('\n');
    }
    m.append(".PP\nauditgap connects to the hosts of a YAML inventory over SSH (or scans the local")
        .append(" machine), runs one read-only collector per host, evaluates the check catalog")
        .append(" and writes reports (console, JSON, HTML, PDF, JUnit, CSV, SARIF) with the")
        .append(" evidence behind every verdict.\n");
    m.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      m.append(".SS \"auditgap ").append(e.getKey()).append("\"\n.nf\n");
      for (String line : usage(e.getValue())) {
        m.append(escape(line)).append('\n');
      }
      m.append(".fi\n");
    }
    m.append(".SH EXIT STATUS\n");
    for (Map.Entry<String, String> e :
        root.getCommandSpec().usageMessage().exitCodeList().entrySet()) {
      m.append(".TP\n.B ")
          .append(escape(e.getKey().strip()))
          .append('\n')
          .append(escape(e.getValue()))
          .append('\n');
    }
    m.append(".SH FILES\n.TP\n.I /usr/share/auditgap/checks\n")
        .append("The default check catalog (a copy for reading; the scanner uses the one in its")
        .append(" jar unless \\fB\\-\\-checks\\-dir\\fR is given).\n")
        .append(".TP\n.I /usr/share/auditgap/templates\n")
        .append("The default report templates, a starting point for \\fB\\-\\-templates\\fR.\n")
        .append(".TP\n.I /usr/share/doc/auditgap/inventory.example.yaml\n")
        .append("A commented example inventory.\n");
    m.append(".SH EXAMPLES\n.nf\n")
        .append("auditgap scan\n")
        .append(
            "auditgap scan \\-i inventory.yaml \\-\\-fail\\-on high \\-\\-format json,html,sarif\n")
        .append("auditgap scan \\-i inventory.yaml \\-\\-waivers waivers.yaml")
        .append(" \\-\\-baseline previous/report.json \\-\\-fail\\-on new\n")
        .append("auditgap diff previous/report.json current/report.json\n")
        .append(".fi\n");
    return m.toString();
  }

  private static List<String> usage(CommandLine cl) {
    StringWriter w = new StringWriter();
    cl.usage(new PrintWriter(w), Ansi.OFF);
    List<String> lines = new ArrayList<>(List.of(w.toString().split("\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Escapes troff: backslashes, hyphens of options, and a leading dot or quote. */
  static String escape(String line) {
    String s = line.replace("\\", "\\e").replace("-", "\\-");
    if (s.startsWith(".") || s.startsWith("'")) {
      s = "\\&" + s;
    }
    return s;
  }

  /**
   * zsh completion: picocli's bash script (which enables zsh's bashcompinit itself) as an
   * autoloaded {@code #compdef} function; the last line completes the call that loaded it.
   */
  static String zsh(String bash) {
    return "#compdef auditgap\n"
        + "# Generated from the picocli command model by io.auditgap.cli.PackageDocs.\n"
        + bash
        + "\n_bash_complete -F _picocli_auditgap\n";
  }
}
