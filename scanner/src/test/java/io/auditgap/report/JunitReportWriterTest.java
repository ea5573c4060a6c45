package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.ScanResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {
  static String render(ScanResult r) throws Exception {
    StringWriter w = new StringWriter();
    new JunitReportWriter().write(r, w);
    return w.toString();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void matchesGoldenFile() throws Exception {
    Golden.assertMatches("report.junit.xml", render(ReportFixtures.sample()));
  }

  @Test
  void oneSuitePerHostOneCasePerCheckWithStatusesMapped() throws Exception {
    Document d = parse(render(ReportFixtures.sample()));
    Element root = d.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    NodeList suites = d.getElementsByTagName("testsuite");
    assertEquals(5, suites.getLength());
    Element web = (Element) suites.item(0);
    assertEquals("web-1", web.getAttribute("name"));
    assertEquals("10.0.0.11", web.getAttribute("hostname"));
    assertEquals("5", web.getAttribute("tests"));
    assertEquals("2", web.getAttribute("failures"));
    assertEquals("1", web.getAttribute("errors"));
    assertEquals("1", web.getAttribute("skipped"));
    NodeList cases = web.getElementsByTagName("testcase");
    Element execve = (Element) cases.item(2);
    assertEquals("web-1", execve.getAttribute("classname"));
    assertEquals("audit.execve", execve.getAttribute("name"));
    Element failure = (Element) execve.getElementsByTagName("failure").item(0);
    assertEquals("high", failure.getAttribute("type"));
    assertEquals("no -S execve rule with auid>=1000", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("evidence: /etc/audit/rules.d/audit.rules:3"));
    assertTrue(failure.getTextContent().contains("-F auid>=1000 -F auid!=unset -k exec"));
    assertTrue(failure.getTextContent().contains("references: cis: 4.1.3.6"));
    Element tlog = (Element) cases.item(3);
    assertEquals(
        "not applicable: profile uses auditd, not tlog",
        ((Element) tlog.getElementsByTagName("skipped").item(0)).getAttribute("message"));
    Element tty = (Element) cases.item(4);
    assertEquals(
        "unknown", ((Element) tty.getElementsByTagName("error").item(0)).getAttribute("type"));
    assertEquals(0, ((Element) cases.item(0)).getChildNodes().getLength(), "pass has no child");

    Element legacy = (Element) suites.item(2);
    NodeList legacyCases = legacy.getElementsByTagName("testcase");
    assertEquals(5, legacyCases.getLength(), "every check of the scan");
    Element err = (Element) ((Element) legacyCases.item(0)).getElementsByTagName("error").item(0);
    assertEquals("unreachable", err.getAttribute("type"));
    assertEquals(
        "host not assessed (unreachable): connect timed out after 10 s",
        err.getAttribute("message"));
    assertEquals("5", legacy.getAttribute("errors"));

    assertEquals("24", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
  }

  @Test
  void hostileResultIsWellFormedAndInert() throws Exception {
    String xml = render(ReportFixtures.hostile());
    Document d = parse(xml);
    assertTrue(xml.length() < 256 * 1024, "size " + xml.length());
    Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
    assertTrue(
        suite.getAttribute("name").startsWith("host <script>alert(1)</script>pre${7*7}post"));
    assertFalse(xml.contains("<script>"));
    for (char c : xml.toCharArray()) {
      assertTrue(c == '\n' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f), "control char");
      assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), "bidi char");
    }
    assertTrue(xml.contains("\\x1b[2J"));
    Element down = (Element) d.getElementsByTagName("testsuite").item(1);
    assertEquals("2", down.getAttribute("errors"), "not-assessed host: one error per check");
  }

  /** Text no host should send, but may: markup, CDATA end, controls, non-characters, emoji. */
  static final String XML_HOSTILE =
      "a]]>b <x/> & \"q\" 'a' \u0000\u0007\u001b[2J \ufffe\uffff \ud800 lone \udc00 "
          + "\ud83d\ude00 emoji \u202e rtl\nline two\tend";

  static void assertValid(String xml) throws Exception {
    ReportFiles.assertValidJunit(xml);
  }

  @Test
  void everyDocumentIsValidAgainstTheJunitSchema() throws Exception {
    for (ScanResult r :
        java.util.List.of(
            ReportFixtures.sample(),
            ReportFixtures.hostile(),
            ReviewedFixtures.reviewed(),
            NullFieldsTest.allNulls(),
            hostileEverywhere())) {
      assertValid(render(r));
    }
  }

  @Test
  void theSchemaRejectsWhatTheCommonDialectDoesNot() throws Exception {
    String xml = render(ReportFixtures.sample());
    for (String broken :
        java.util.List.of(
            xml.replace("<testsuites name=\"auditgap\"", "<testsuites skipped=\"1\" name=\"x\""),
            xml.replace("time=\"1.840\"", "time=\"1,8 s\""),
            xml.replace("<properties>", "<props>").replace("</properties>", "</props>"),
            xml.replaceFirst("<testcase classname=\"web-1\" ", "<testcase "))) {
      assertFalse(broken.equals(xml));
      org.junit.jupiter.api.Assertions.assertThrows(
          org.xml.sax.SAXException.class, () -> assertValid(broken));
    }
  }

  /** Every string a host controls set to {@link #XML_HOSTILE}. */
  static ScanResult hostileEverywhere() {
    io.auditgap.checks.Finding fail =
        new io.auditgap.checks.Finding(
            "audit.execve",
            XML_HOSTILE,
            io.auditgap.checks.Severity.HIGH,
            io.auditgap.checks.Status.FAIL,
            XML_HOSTILE,
            java.util.List.of(
                new io.auditgap.checks.Evidence(XML_HOSTILE, 3, XML_HOSTILE, XML_HOSTILE)),
            XML_HOSTILE,
            java.util.Map.of("cis", java.util.List.of(XML_HOSTILE)));
    io.auditgap.checks.Finding unknown =
        new io.auditgap.checks.Finding(
            "pam.tty-audit",
            "t",
            io.auditgap.checks.Severity.LOW,
            io.auditgap.checks.Status.UNKNOWN,
            XML_HOSTILE,
            java.util.List.of(),
            "",
            java.util.Map.of());
    io.auditgap.scan.HostResult h =
        new io.auditgap.scan.HostResult(
            XML_HOSTILE,
            XML_HOSTILE,
            io.auditgap.scan.HostStatus.ASSESSED,
            XML_HOSTILE,
            "SHA256:" + XML_HOSTILE,
            java.util.List.of(fail, unknown),
            null);
    return new ScanResult(XML_HOSTILE, null, null, XML_HOSTILE, XML_HOSTILE, java.util.List.of(h));
  }

  @Test
  void hostileTextInEveryFieldGivesWellFormedXmlThatKeepsItAsText() throws Exception {
    String xml = render(hostileEverywhere());
    Document d = parse(xml);
    Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
    String name = suite.getAttribute("name");
    assertTrue(name.contains("a]]>b <x/> & \"q\" 'a'"), name);
    assertTrue(name.contains("\ud83d\ude00 emoji"), "emoji kept: " + name);
    Element failure = (Element) d.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("a]]>b <x/> &"), failure.getTextContent());
    assertEquals(0, failure.getElementsByTagName("x").getLength(), "markup stays text");
    for (String s : java.util.List.of(name, failure.getTextContent())) {
      assertFalse(s.contains("\u0000") || s.contains("\u001b") || s.contains("\u202e"), s);
    }
  }

  /** Below the report model's neutralising: the XML layer alone keeps the document well-formed. */
  @Test
  void theXmlWriterAloneReplacesWhatXmlCannotCarry() throws Exception {
    StringWriter w = new StringWriter();
    try (XmlOut xml = new XmlOut(w)) {
      xml.start("r", "a", XML_HOSTILE);
      xml.element("t", XML_HOSTILE);
      xml.end();
    }
    Document d = parse(w.toString());
    String expected =
        "a]]>b <x/> & \"q\" 'a' \ufffd\ufffd\ufffd[2J \ufffd\ufffd \ufffd lone \ufffd "
            + "\ud83d\ude00 emoji \u202e rtl\nline two\tend";
    assertEquals(expected, d.getElementsByTagName("t").item(0).getTextContent());
    assertEquals(
        expected.replace('\n', ' ').replace('\t', ' '),
        d.getDocumentElement().getAttribute("a"),
        "attribute values are one line, as a parser would read them anyway");
  }

  @Test
  void scanWithoutChecksStillHasACasePerHost() throws Exception {
    ScanResult r =
        new ScanResult(
            "1", null, null, "inv", "p", java.util.List.of(ReportFixtures.sample().hosts().get(2)));
    Document d = parse(render(r));
    Element c = (Element) d.getElementsByTagName("testcase").item(0);
    assertEquals(JunitReportWriter.HOST_CASE, c.getAttribute("name"));
    assertEquals(1, c.getElementsByTagName("error").getLength());
  }
}
