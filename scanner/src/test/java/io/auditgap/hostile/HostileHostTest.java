package io.auditgap.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotStore;
import io.auditgap.report.ReportFiles;
import io.auditgap.testing.SnapshotBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compromised host answers the collector with hostile files: markup, template syntax, terminal
 * escapes, spreadsheet formulas, a gigantic line, include loops in PAM, rsyslog, syslog-ng and
 * logrotate, a host name with path separators. The whole offline pipeline ({@code auditgap
 * evaluate} on the saved snapshot, every text format) must finish, execute nothing, break no
 * terminal and no page, and still say what it saw.
 */
class HostileHostTest {
  static final String SCRIPT = "<script>alert(document.domain)</script>";
  static final String FTL = "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"id\")}";
  static final String EXPR = "pre${7*7}post";
  static final String ANSI = "\u001b[2J\u001b[31mRED";
  static final String OSC = "\u001b]0;owned\u0007\u001b]52;c;ZWNobyBwd25lZA==\u0007";
  static final String CSI_C1 = "\u009b31m";
  static final String FORMULA = "=cmd|' /C calc'!A0";
  static final String HOST = "../../etc/cron.d/evil\\x" + ANSI;
  static final int GIGANTIC = 4 * 1024 * 1024;

  /** Every hostile input this test feeds, for the count in docs/reliability.md. */
  static final List<String> INPUTS =
      List.of(
          "HTML/JS in a collected file",
          "FreeMarker directive in a collected file",
          "FreeMarker expression in a collected file",
          "ANSI CSI escapes",
          "OSC title and clipboard escapes",
          "C1 CSI",
          "CSV formula",
          "host name with path separators and escapes",
          "gigantic line (4 MiB)",
          "PAM include loop",
          "rsyslog include loop",
          "syslog-ng include loop",
          "logrotate include loop");

  @TempDir static Path tmp;
  static String console;
  static String stderr;
  static int code;
  static Path out;

  @BeforeAll
  static void evaluateAHostileSnapshot() throws Exception {
    String bad = SCRIPT + " " + FTL + " " + EXPR + " " + ANSI + OSC + CSI_C1 + " " + FORMULA;
    HostSnapshot snap =
        SnapshotBuilder.host(HOST)
            .cmd("container", 0, "none\n")
            .file(
                "/etc/ssh/sshd_config",
                "LogLevel "
                    + bad
                    + "\nSyslogFacility "
                    + FORMULA
                    + "\nBanner "
                    + "x".repeat(GIGANTIC)
                    + "\nInclude /etc/ssh/sshd_config\n")
            .dir("/etc/pam.d", "f\tsshd\nf\tcommon-session\n")
            .file(
                "/etc/pam.d/sshd",
                "@include common-session\n@include common-session\nsession required " + bad + "\n")
            .file(
                "/etc/pam.d/common-session",
                "@include sshd\n@include sshd\nsession optional pam_tty_audit.so " + FORMULA + "\n")
            .file(
                "/etc/rsyslog.conf", "$IncludeConfig /etc/rsyslog.d/*.conf\nauth.* @@" + bad + "\n")
            .dir("/etc/rsyslog.d", "f\tloop.conf\n")
            .file(
                "/etc/rsyslog.d/loop.conf",
                "include(file=\"/etc/rsyslog.conf\")\n$IncludeConfig /etc/rsyslog.d/loop.conf\n")
            .file(
                "/etc/syslog-ng/syslog-ng.conf",
                "@include \"/etc/syslog-ng/syslog-ng.conf\"\n@include \"/etc/syslog-ng/conf.d/\"\n"
                    + "destination d { network(\""
                    + bad
                    + "\"); };\n")
            .dir("/etc/syslog-ng/conf.d", "f\tloop.conf\n")
            .file("/etc/syslog-ng/conf.d/loop.conf", "@include \"/etc/syslog-ng/syslog-ng.conf\"\n")
            .file(
                "/etc/logrotate.conf",
                "include /etc/logrotate.conf\ninclude /etc/logrotate.d\n/var/log/auth.log {\n rotate "
                    + FORMULA
                    + "\n}\n")
            .dir("/etc/logrotate.d", "f\tloop\n")
            .file("/etc/logrotate.d/loop", "include /etc/logrotate.conf\n")
            .file("/etc/sudoers", "Defaults logfile=\"" + bad + "\"\n#includedir /etc/sudoers.d\n")
            .build();
    Path snaps = tmp.resolve("snapshots");
    SnapshotStore.save(snap, snaps);
    // a host whose name is a spreadsheet formula: the host cell of every CSV row starts with it
    SnapshotStore.save(SnapshotBuilder.host(FORMULA).cmd("container", 0, "none\n").build(), snaps);
    out = tmp.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    code =
        Main.run(
            new String[] {
              "evaluate",
              snaps.toString(),
              "--format",
              "console,json,html,csv,junit",
              "--color",
              "always",
              "-o",
              out.toString()
            },
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    console = o.toString();
    stderr = e.toString();
  }

  @Test
  void theEvaluationFinishesAndEveryCheckHasAVerdictWithoutAnInternalError() throws Exception {
    assertTrue(code == 1 || code == 3, "exit " + code + ": " + stderr);
    JsonNode host = ReportFiles.readValid(out.resolve("report.json")).get("hosts");
    assertEquals(2, host.size());
    for (JsonNode f : host.findValues("findings").stream().flatMap(a -> a.valueStream()).toList()) {
      String reason = f.path("reason").asText("");
      assertFalse(reason.contains("internal error"), f.toString());
      assertFalse(reason.contains("Exception"), f.toString());
      if (!f.get("status").asText().equals("pass")) {
        assertFalse(reason.isBlank(), "a verdict without a reason: " + f);
      }
    }
  }

  @Test
  void theSnapshotFileNameCannotLeaveItsDirectory() throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve("snapshots"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertEquals(2, names.size(), names.toString());
      for (String n : names) {
        assertFalse(n.contains("/") || n.contains("\\"), n);
        assertFalse(n.startsWith(".") || n.startsWith("="), n);
        assertFalse(n.contains("\u001b"), n);
      }
    }
    assertFalse(Files.exists(tmp.resolve("etc")));
  }

  @Test
  void theConsoleShowsNoEscapeFromTheHost() {
    // --color always: the report's own colours are ESC [ ... m; nothing else may be raw
    String withoutOwnColours = console.replaceAll("\u001b\\[[0-9;]*m", "");
    assertFalse(withoutOwnColours.contains("\u001b"), "raw ESC from the host");
    assertFalse(console.contains("\u0007"), "raw BEL");
    assertFalse(console.contains("\u009b"), "raw C1 CSI");
    assertFalse(console.contains("]0;owned"), "an OSC title survives");
    assertFalse(stderr.contains("\u001b"), stderr);
  }

  @Test
  void theHtmlRunsNoScriptAndNoTemplateFromTheHost() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertFalse(html.contains(SCRIPT), "raw <script> from the host");
    assertFalse(html.contains("<#assign"), "raw FreeMarker directive");
    assertFalse(html.contains("pre49post"), "a host expression was evaluated");
    assertFalse(html.contains("\u001b"), "raw ESC in the page");
    assertTrue(
        html.contains("&lt;script&gt;alert(document.domain)"), "host text is shown, escaped");
  }

  @Test
  void theCsvNeutralisesFormulasAndTheJunitIsWellFormed() throws Exception {
    String csv = Files.readString(out.resolve("report.csv"), StandardCharsets.UTF_8);
    assertTrue(csv.contains("'=cmd|"), "the formula is shown, neutralised");
    for (String cell : cells(csv)) {
      assertFalse(
          cell.startsWith("=") || cell.startsWith("+") || cell.startsWith("@"),
          "live formula: " + cell);
    }
    ReportFiles.assertValidJunit(Files.readString(out.resolve("report.junit.xml")));
  }

  /** RFC 4180 cells, quotes removed. */
  static List<String> cells(String csv) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == '\n') {
        out.add(cell.toString());
        cell.setLength(0);
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  @Test
  void theGiganticLineDoesNotMakeGiganticReports() throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.toList()) {
        assertTrue(Files.size(p) < GIGANTIC / 2, p + " is " + Files.size(p) + " bytes");
      }
    }
    assertTrue(console.length() < GIGANTIC / 2, "console " + console.length());
  }
}
