package io.auditgap.report;

import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * {@code report.junit.xml}: JUnit XML for CI test reporters (GitLab merge-request test reports,
 * GitHub actions such as dorny/test-reporter or mikepenz/action-junit-report).
 *
 * <ul>
 *   <li>one {@code <testsuite>} per host ({@code name} = host, {@code hostname} = address), one
 *       {@code <testcase>} per check ({@code classname} = host, {@code name} = check id);
 *   <li>{@code fail}: {@code <failure message="reason" type="severity">} with reason, evidence and
 *       remediation in the body;
 *   <li>{@code unknown}: {@code <error type="unknown">}: a check that could not be verified is
 *       shown as broken, not as passed or silently skipped;
 *   <li>{@code not_applicable}: {@code <skipped message="not applicable: reason">};
 *   <li>a host that was not assessed: every check of the scan as {@code <error type="HOST_STATUS">}
 *       with the host's reason ({@code host.assessed} when the scan has no checks at all).
 * </ul>
 *
 * <p>All text comes from {@link ReportModel} (neutralised: no control characters) and is written
 * through {@link XmlOut}, a {@code javax.xml.stream} writer that escapes markup and replaces what
 * XML cannot carry, so the file is well-formed whatever a host sent. Element and attribute use
 * stays within the common JUnit schema (Jenkins xunit {@code junit-10.xsd}).
 */
public final class JunitReportWriter implements ReportWriter {
  /** Test case name used for a not-assessed host when the scan evaluated no check at all. */
  public static final String HOST_CASE = "host.assessed";

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public String fileName() {
    return "report.junit.xml";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    ReportModel.Page page = ReportModel.of(result);
    int tests = 0;
    int failures = 0;
    int errors = 0;
    for (ReportModel.HostView h : page.hosts()) {
      int[] c = counts(page, h);
      tests += c[0];
      failures += c[1];
      errors += c[2];
    }
    try (XmlOut xml = new XmlOut(out)) {
      // The root carries only what the common schema (Jenkins junit-10.xsd) allows there; skipped
      // counts and the timestamp are on each testsuite.
      xml.start(
          "testsuites",
          "name",
          "auditgap",
          "tests",
          Integer.toString(tests),
          "failures",
          Integer.toString(failures),
          "errors",
          Integer.toString(errors));
      for (int i = 0; i < page.hosts().size(); i++) {
        suite(page, page.hosts().get(i), result.hosts().get(i), xml);
      }
      xml.end();
    }
    out.flush();
  }

  /** tests, failures, errors, skipped. */
  private static int[] counts(ReportModel.Page page, ReportModel.HostView h) {
    if (!h.assessed() && h.findings().isEmpty()) {
      int n = Math.max(1, page.checks().size());
      return new int[] {n, 0, n, 0};
    }
    // An accepted risk (waived fail or unknown) is reported as skipped, with its justification.
    int acceptedFail = 0;
    int acceptedOther = 0;
    for (ReportModel.FindingView f : h.findings()) {
      if (f.accepted()) {
        if (f.status().equals("fail")) {
          acceptedFail++;
        } else {
          acceptedOther++;
        }
      }
    }
    return new int[] {
      h.findings().size(),
      h.fail() - acceptedFail,
      h.findings().size() - h.fail() - h.pass() - h.notApplicable() - acceptedOther,
      h.notApplicable() + acceptedFail + acceptedOther
    };
  }

  private static void suite(
      ReportModel.Page page, ReportModel.HostView h, HostResult raw, XmlOut xml)
      throws IOException {
    int[] c = counts(page, h);
    String time =
        raw.stats() == null
            ? "0"
            : String.format(Locale.ROOT, "%.3f", raw.stats().durationMillis() / 1000.0);
    xml.start(
        "testsuite",
        "name",
        h.name(),
        "hostname",
        h.address(),
        "tests",
        Integer.toString(c[0]),
        "failures",
        Integer.toString(c[1]),
        "errors",
        Integer.toString(c[2]),
        "skipped",
        Integer.toString(c[3]),
        "time",
        time,
        "timestamp",
        page.scope().startedAt().isEmpty() ? null : page.scope().startedAt());
    xml.start("properties");
    property(xml, "host_status", h.status());
    property(xml, "address", h.address());
    if (!h.reason().isEmpty()) {
      property(xml, "reason", h.reason());
    }
    if (!h.fingerprint().isEmpty()) {
      property(xml, "host_key_fingerprint", h.fingerprint());
    }
    xml.end();
    if (!h.assessed() && h.findings().isEmpty()) {
      String message = "host not assessed (" + h.status() + ")" + reasonSuffix(h.reason());
      if (page.checks().isEmpty()) {
        notAssessed(xml, h, HOST_CASE, message);
      }
      for (String check : page.checks()) {
        notAssessed(xml, h, check, message);
      }
    } else {
      for (ReportModel.FindingView f : h.findings()) {
        testcase(page, h, f, xml);
      }
    }
    xml.end();
  }

  private static void notAssessed(XmlOut xml, ReportModel.HostView h, String check, String message)
      throws IOException {
    xml.start("testcase", "classname", h.name(), "name", check, "time", "0");
    xml.element("error", message, "message", message, "type", h.status());
    xml.end();
  }

  private static void testcase(
      ReportModel.Page page, ReportModel.HostView h, ReportModel.FindingView f, XmlOut xml)
      throws IOException {
    String[] id = {"classname", h.name(), "name", f.check(), "time", "0"};
    String expired = f.waiver().isEmpty() ? "" : f.waiver() + "; ";
    if (f.accepted()) {
      xml.start("testcase", id);
      xml.element("skipped", body(page, f), "message", f.waiver());
      xml.end();
      return;
    }
    switch (f.status()) {
      case "fail" -> {
        xml.start("testcase", id);
        xml.element(
            "failure", body(page, f), "message", expired + f.reason(), "type", f.severity());
        xml.end();
      }
      case "unknown" -> {
        xml.start("testcase", id);
        xml.element(
            "error",
            body(page, f),
            "message",
            expired + "unknown" + reasonSuffix(f.reason()),
            "type",
            "unknown");
        xml.end();
      }
      case "not_applicable" -> {
        xml.start("testcase", id);
        xml.empty("skipped", "message", "not applicable" + reasonSuffix(f.reason()));
        xml.end();
      }
      default -> xml.empty("testcase", id);
    }
  }

  private static String reasonSuffix(String reason) {
    return reason.isEmpty() ? "" : ": " + reason;
  }

  /** The failure/error body: title, reason, evidence, remediation, references. */
  static String body(ReportModel.Page page, ReportModel.FindingView f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.check()).append(" (").append(f.severity()).append("): ").append(f.title());
    sb.append('\n').append(f.statusLabel()).append(": ").append(f.reason()).append('\n');
    if (!f.waiver().isEmpty()) {
      sb.append(f.waiver()).append('\n');
    }
    for (ReportModel.EvidenceView e : f.evidence()) {
      sb.append("\nevidence: ").append(e.location().isEmpty() ? "-" : e.location()).append('\n');
      if (!e.text().isEmpty()) {
        sb.append(e.text());
        if (!e.text().endsWith("\n")) {
          sb.append('\n');
        }
      }
      if (e.truncated()) {
        sb.append("(truncated: first ")
            .append(e.shownChars())
            .append(" of ")
            .append(e.totalChars())
            .append(" characters shown, see report.json)\n");
      }
      if (!e.note().isEmpty()) {
        sb.append("note: ").append(e.note()).append('\n');
      }
    }
    if (f.hiddenEvidence() > 0) {
      sb.append("(").append(f.hiddenEvidence()).append(" more evidence items, see report.json)\n");
    }
    ReportModel.CheckView check = page.checkViews().get(f.checkIndex());
    String remediation = f.remediation().isEmpty() ? check.remediation() : f.remediation();
    if (!remediation.isEmpty()) {
      sb.append("\nremediation:\n").append(remediation).append('\n');
    }
    java.util.List<ReportModel.Reference> refs =
        f.references().isEmpty() ? check.references() : f.references();
    if (!refs.isEmpty()) {
      sb.append("\nreferences: ").append(CsvReportWriter.references(refs)).append('\n');
    }
    return sb.toString();
  }

  private static void property(XmlOut xml, String name, String value) throws IOException {
    xml.empty("property", "name", name, "value", value);
  }
}
