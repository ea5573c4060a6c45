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
 * <p>All text comes from {@link ReportModel} (neutralised: no control characters, so the XML is
 * always well-formed) and is XML-escaped here.
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
    int skipped = 0;
    for (ReportModel.HostView h : page.hosts()) {
      int[] c = counts(page, h);
      tests += c[0];
      failures += c[1];
      errors += c[2];
      skipped += c[3];
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write(
        "<testsuites name=\"auditgap\" tests=\""
            + tests
            + "\" failures=\""
            + failures
            + "\" errors=\""
            + errors
            + "\" skipped=\""
            + skipped
            + "\""
            + (page.scope().startedAt().isEmpty()
                ? ""
                : " timestamp=\"" + attr(page.scope().startedAt()) + "\"")
            + ">\n");
    for (int i = 0; i < page.hosts().size(); i++) {
      suite(page, page.hosts().get(i), result.hosts().get(i), out);
    }
    out.write("</testsuites>\n");
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
      ReportModel.Page page, ReportModel.HostView h, HostResult raw, Writer out)
      throws IOException {
    int[] c = counts(page, h);
    String time =
        raw.stats() == null
            ? "0"
            : String.format(Locale.ROOT, "%.3f", raw.stats().durationMillis() / 1000.0);
    out.write(
        "  <testsuite name=\""
            + attr(h.name())
            + "\" hostname=\""
            + attr(h.address())
            + "\" tests=\""
            + c[0]
            + "\" failures=\""
            + c[1]
            + "\" errors=\""
            + c[2]
            + "\" skipped=\""
            + c[3]
            + "\" time=\""
            + time
            + "\""
            + (page.scope().startedAt().isEmpty()
                ? ""
                : " timestamp=\"" + attr(page.scope().startedAt()) + "\"")
            + ">\n");
    out.write("    <properties>\n");
    property(out, "host_status", h.status());
    property(out, "address", h.address());
    if (!h.reason().isEmpty()) {
      property(out, "reason", h.reason());
    }
    if (!h.fingerprint().isEmpty()) {
      property(out, "host_key_fingerprint", h.fingerprint());
    }
    out.write("    </properties>\n");
    if (!h.assessed() && h.findings().isEmpty()) {
      String message = "host not assessed (" + h.status() + ")" + reasonSuffix(h.reason());
      if (page.checks().isEmpty()) {
        notAssessed(out, h, HOST_CASE, message);
      }
      for (String check : page.checks()) {
        notAssessed(out, h, check, message);
      }
    } else {
      for (ReportModel.FindingView f : h.findings()) {
        testcase(page, h, f, out);
      }
    }
    out.write("  </testsuite>\n");
  }

  private static void notAssessed(Writer out, ReportModel.HostView h, String check, String message)
      throws IOException {
    out.write(
        "    <testcase classname=\""
            + attr(h.name())
            + "\" name=\""
            + attr(check)
            + "\" time=\"0\">\n      <error message=\""
            + attr(message)
            + "\" type=\""
            + attr(h.status())
            + "\">"
            + text(message)
            + "</error>\n    </testcase>\n");
  }

  private static void testcase(
      ReportModel.Page page, ReportModel.HostView h, ReportModel.FindingView f, Writer out)
      throws IOException {
    out.write(
        "    <testcase classname=\""
            + attr(h.name())
            + "\" name=\""
            + attr(f.check())
            + "\" time=\"0\"");
    if (f.accepted()) {
      out.write(">\n      <skipped message=\"" + attr(f.waiver()) + "\">");
      out.write(text(body(page, f)) + "</skipped>\n    </testcase>\n");
      return;
    }
    String expired = f.waiver().isEmpty() ? "" : f.waiver() + "; ";
    switch (f.status()) {
      case "fail":
        out.write(">\n      <failure message=\"" + attr(expired + f.reason()) + "\" type=\"");
        out.write(
            attr(f.severity()) + "\">" + text(body(page, f)) + "</failure>\n    </testcase>\n");
        break;
      case "unknown":
        out.write(
            ">\n      <error message=\"" + attr(expired + "unknown" + reasonSuffix(f.reason())));
        out.write("\" type=\"unknown\">" + text(body(page, f)) + "</error>\n    </testcase>\n");
        break;
      case "not_applicable":
        out.write(">\n      <skipped message=\"");
        out.write(attr("not applicable" + reasonSuffix(f.reason())) + "\"/>\n    </testcase>\n");
        break;
      default:
        out.write("/>\n");
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

  private static void property(Writer out, String name, String value) throws IOException {
    out.write("      <property name=\"" + name + "\" value=\"" + attr(value) + "\"/>\n");
  }

  /** Escapes text content; the input is already neutralised (no control characters but LF/TAB). */
  static String text(String s) {
    return escape(s, false);
  }

  /** Escapes an attribute value (also quotes and whitespace that attribute normalisation eats). */
  static String attr(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String entity =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> attribute ? "&quot;" : null;
            case '\'' -> attribute ? "&apos;" : null;
            case '\n' -> attribute ? "&#10;" : null;
            case '\t' -> attribute ? "&#9;" : null;
            default -> null;
          };
      if (entity != null) {
        sb.append(entity);
      } else {
        sb.append(xmlSafe(c) ? c : '?');
      }
    }
    return sb.toString();
  }

  /** Defence in depth: a char XML 1.0 allows (the model never contains others). */
  private static boolean xmlSafe(char c) {
    return c == '\n'
        || c == '\t'
        || (c >= 0x20 && c <= 0xd7ff)
        || (c >= 0xe000 && c <= 0xfffd)
        || Character.isSurrogate(c);
  }
}
