package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.review.Change;
import io.auditgap.scan.ScanResult;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A waiver's and a baseline's path through every format. */
class ReviewFormatsTest {
  static final ScanResult R = ReviewedFixtures.reviewed();
  static final String ACCEPTED =
      "accepted risk: " + ReviewedFixtures.JUSTIFICATION + " (secops, SEC-101, until 2027-03-31)";
  static final String EXPIRED = "waiver expired on 2026-01-31 (INFO was enough before the audit)";

  static String render(ReportWriter w, ScanResult r) throws Exception {
    StringWriter out = new StringWriter();
    w.write(r, out);
    return out.toString();
  }

  @Test
  void console() throws Exception {
    String text = new ConsoleReport(false).render(R);
    assertTrue(text.contains("FAIL     high      audit.execve"), text);
    assertTrue(text.contains("            " + ACCEPTED + "\n"), text);
    assertTrue(text.contains("            " + EXPIRED + "\n"), text);
    assertTrue(
        text.contains(
            "Since the baseline previous/report.json (2026-02-28T09:00:00Z): 1 new, 1 fixed, 7"
                + " unchanged, 0 changed\n"),
        text);
    assertTrue(text.contains("NEW      web-1  pam.tty-audit: was pass, unknown now"), text);
    assertTrue(text.contains("FIXED    db-1  sshd.log-level: was fail, pass now"), text);
    assertTrue(text.contains("waivers.yaml:15:5  audit.rules-* on decommissioned-*"), text);
    assertTrue(
        text.contains(
            "Accepted risks: 1 (not counted toward --fail-on), 1 with an expired waiver (counted),"
                + " 1 stale waiver\n"),
        text);
  }

  @Test
  void jsonKeepsStatusAddsTheWaiverAndChangeAndReadsBack() throws Exception {
    String json = new JsonReportWriter().toJson(R);
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode web = root.get("hosts").get(0);
    JsonNode execve = web.get("findings").get(2);
    assertEquals("audit.execve", execve.get("check").asText());
    assertEquals("fail", execve.get("status").asText(), "the real status stays");
    assertEquals(2, execve.get("evidence").size());
    assertEquals("accepted", execve.get("waiver").get("state").asText());
    assertEquals(
        ReviewedFixtures.JUSTIFICATION, execve.get("waiver").get("justification").asText());
    assertEquals("2027-03-31", execve.get("waiver").get("expires").asText());
    assertEquals("unchanged", execve.get("change").asText());
    assertEquals("expired", web.get("findings").get(1).get("waiver").get("state").asText());
    assertEquals("new", web.get("findings").get(4).get("change").asText());
    assertEquals(1, root.get("waivers").get("accepted").asInt());
    assertEquals("audit.rules-*", root.get("waivers").get("stale").get(0).get("check").asText());
    assertEquals(1, root.get("baseline").get("counts").get("new").asInt());
    assertEquals(1, root.get("baseline").get("counts").get("fixed").asInt());
    assertEquals(7, root.get("baseline").get("counts").get("unchanged").asInt());
    // report.json with review keys still matches docs/report-schema.json
    ReportFiles.assertValid(json);

    ScanResult back = new JsonReportReader().readString(json);
    assertEquals(json, new JsonReportWriter().toJson(back), "review survives a round trip");
    assertTrue(back.review().accepted("web-1", "audit.execve"));
    assertEquals(Change.NEW, back.review().change("web-1", "pam.tty-audit").orElseThrow());
  }

  @Test
  void htmlShowsAcceptedRisksExpiredStaleAndChangesInTheSummary() throws Exception {
    Document d = Jsoup.parse(render(new HtmlReportWriter(), R));
    String accepted = d.getElementById("accepted").text();
    assertTrue(accepted.contains("audit.execve web-1 " + ReviewedFixtures.JUSTIFICATION), accepted);
    assertTrue(accepted.contains("secops, SEC-101 2027-03-31"), accepted);
    assertTrue(accepted.contains("Expired on sshd.log-level web-1 INFO was enough"), accepted);
    assertTrue(accepted.contains("Stale waivers"), accepted);
    assertTrue(accepted.contains("waivers.yaml:15:5"), accepted);
    String summary = d.getElementById("summary").text();
    assertTrue(summary.contains("1 accepted risks"), summary);
    assertTrue(summary.contains("Since the baseline Compared with previous/report.json"), summary);
    assertTrue(summary.contains("1 new, 1 fixed, 7 unchanged, 0 changed"), summary);
    assertTrue(summary.contains("new web-1 pam.tty-audit"), summary);
    assertTrue(summary.contains("fixed db-1 sshd.log-level"), summary);
    String host = d.getElementById("host-0").text();
    assertTrue(host.contains(ACCEPTED), host);
    assertTrue(host.contains(EXPIRED), host);
  }

  @Test
  void pdfShowsTheSameInItsText(@TempDir Path dir) throws Exception {
    Tools.require("pdftotext", "poppler-utils");
    Path pdf = new PdfReportWriter().write(R, dir);
    String text =
        Tools.run(60, "pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
            .replace("\ufb01", "fi")
            .replaceAll("\\s+", " ");
    assertTrue(text.contains("Since the baseline"), text);
    assertTrue(text.contains("1 new, 1 fixed, 7 unchanged, 0 changed"), text);
    assertTrue(text.contains("Accepted risks"), text);
    assertTrue(text.contains(ReviewedFixtures.JUSTIFICATION), text);
    assertTrue(text.contains("waiver expired on 2026-01-31"), text);
    assertTrue(text.contains("Stale waivers"), text);
  }

  @Test
  void junitSkipsAnAcceptedRiskWithTheJustificationAndFailsAnExpiredOne() throws Exception {
    String xml = render(new JunitReportWriter(), R);
    assertTrue(
        xml.contains(
            "<testcase classname=\"web-1\" name=\"audit.execve\" time=\"0\">\n"
                + "      <skipped message=\""
                + ACCEPTED
                + "\">audit.execve (high)"),
        xml);
    assertTrue(
        xml.contains(
            "<failure message=\""
                + EXPIRED
                + "; LogLevel is QUIET, key fingerprints of logins are not logged\""),
        xml);
    // web-1: 5 tests, sshd.log-level fails, audit.execve skipped (waived), tlog skipped (n/a),
    // pam.tty-audit is an error (unknown).
    assertTrue(
        xml.contains(
            "<testsuite name=\"web-1\" hostname=\"10.0.0.11\" tests=\"5\" failures=\"1\""
                + " errors=\"1\" skipped=\"2\""),
        xml);
    Document doc = Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser());
    assertEquals(1, doc.select("testcase[classname=web-1][name=audit.execve] > skipped").size());
    assertEquals(0, doc.select("testcase[classname=web-1][name=audit.execve] > failure").size());
  }

  @Test
  void csvHasWaiverAndChangeColumns() throws Exception {
    String csv = render(new CsvReportWriter(), R);
    assertTrue(
        csv.contains(
            ",fail,no -S execve rule with auid>=1000,/etc/audit/rules.d/audit.rules:3,\"cis:"
                + " 4.1.3.6; nist_800_53: AU-2, AU-12\",\""
                + ACCEPTED
                + "\",unchanged\r\n"),
        csv);
    assertTrue(csv.contains("," + EXPIRED + ",unchanged\r\n"), csv);
    assertTrue(csv.contains(",,new\r\n"), csv);
  }

  @Test
  void everyFileFormatWritesWithoutAReviewToo(@TempDir Path dir) throws Exception {
    ScanResult plain = ReportFixtures.sample();
    String html = render(new HtmlReportWriter(), plain);
    assertTrue(html.contains("no waivers were given"), html);
    assertFalse(html.contains("Since the baseline"));
    assertFalse(new JsonReportWriter().toJson(plain).contains("\"waivers\""));
    assertFalse(new ConsoleReport(false).render(plain).contains("Accepted risks"));
    Path sarif = new SarifReportWriter().write(plain, dir);
    assertFalse(Files.readString(sarif, StandardCharsets.UTF_8).contains("suppressions"));
  }
}
