package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
  private final HtmlReportWriter writer = new HtmlReportWriter();

  static String render(HtmlReportWriter w, ScanResult r) throws Exception {
    StringWriter out = new StringWriter();
    w.write(r, out);
    return out.toString();
  }

  @Test
  void matchesGoldenFile() throws Exception {
    Golden.assertMatches("report.html", render(writer, ReportFixtures.sample()));
  }

  @Test
  void isSelfContainedWithoutScriptsOrExternalResources() throws Exception {
    for (ScanResult r : new ScanResult[] {ReportFixtures.sample(), ReportFixtures.hostile()}) {
      String raw = render(writer, r);
      String html = raw.toLowerCase(Locale.ROOT);
      assertFalse(html.contains("http://"), "http URL in output");
      assertFalse(html.contains("https://"), "https URL in output");
      assertEquals(1, JsonReportTest.count(html, "<script"), "only the fixed search script");
      String script = raw.substring(raw.indexOf("<script>") + 8, raw.indexOf("</script>"));
      assertTrue(
          raw.contains("script-src 'sha256-" + sha256(script) + "'"),
          "CSP allows exactly the inline script by its hash");
      assertFalse(script.contains("web-1") || script.contains("alert"), "no data in the script");
      assertFalse(html.contains("<link"), "link element in output");
      assertFalse(html.contains("<img"), "img element in output");
      assertFalse(html.contains("<iframe"), "iframe in output");
      assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "event handler attribute");
      assertFalse(html.contains("src=") && !html.contains("script-src"), "src attribute");
      assertFalse(Pattern.compile("\\ssrc=").matcher(html).find(), "src attribute in output");
      assertTrue(html.contains("content-security-policy"));
      assertTrue(html.contains("default-src 'none'"));
      assertTrue(html.contains("<style>"));
      assertTrue(html.contains("<svg "));
    }
  }

  static String sha256(String text) throws Exception {
    return java.util.Base64.getEncoder()
        .encodeToString(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void hasEverySectionAndEveryHost() throws Exception {
    ScanResult r = ReportFixtures.sample();
    String html = render(writer, r);
    for (String id :
        new String[] {
          "summary",
          "scope",
          "frameworks",
          "matrix",
          "hosts",
          "checks",
          "exposure",
          "accepted",
          "unknowns"
        }) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), id);
    }
    for (int i = 0; i < r.hosts().size(); i++) {
      HostResult h = r.hosts().get(i);
      assertTrue(
          Pattern.compile(
                  "<details class=\"host h [a-z -]+\" id=\"host-"
                      + i
                      + "\"[^>]*>\n<summary>"
                      + Pattern.quote(h.name()))
              .matcher(html)
              .find(),
          "host section for " + h.name());
      assertTrue(
          html.contains("<th scope=\"row\"><a href=\"#host-" + i + "\">" + h.name() + "</a>"),
          "matrix row for " + h.name());
    }
    assertTrue(html.contains("connect timed out after 10 s"));
    assertTrue(html.contains("SHA256:q1w2e3r4t5y6u7i8o9p0aAsSdDfFgGhHjJkKlL1234"));
  }

  @Test
  void matrixCellsCarryTextLabelsNotJustColour() throws Exception {
    String html = render(writer, ReportFixtures.sample());
    assertTrue(
        html.contains(
            "<th scope=\"row\"><a href=\"#host-0\">web-1</a></th><td class=\"hs-assessed\">assessed</td>"
                + "<td class=\"cP\">P</td><td class=\"cF\">F</td><td class=\"cF\">F</td>"
                + "<td class=\"cN\">N</td><td class=\"cU\">U</td></tr>"));
    assertTrue(html.contains("<td class=\"cU\">U</td><td class=\"c-\">-</td>"), "not run");
    assertTrue(html.contains("<b>F</b> fail"), "legend");
  }

  @Test
  void evidenceShowsLocationTextAndNote() throws Exception {
    String html = render(writer, ReportFixtures.sample());
    assertTrue(html.contains("<code>/etc/ssh/sshd_config:42</code>"));
    assertTrue(html.contains("<pre>LogLevel QUIET</pre>"));
    assertTrue(html.contains("effective value of LogLevel"));
    assertTrue(html.contains("-F auid&gt;=1000"), "remediation is escaped, not raw");
    assertTrue(html.contains("cis: 4.1.3.6; nist_800_53: AU-2, AU-12"));
  }

  @Test
  void hostileResultRendersInert() throws Exception {
    String html = render(writer, ReportFixtures.hostile());
    assertFalse(html.contains("<script>alert(1)"), "raw script from data");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("pre${7*7}post"), "${...} from data appears literally");
    assertFalse(html.contains("pre49post"), "${...} from data was evaluated");
    assertTrue(
        html.contains(
            "&lt;#assign x=&quot;freemarker.template.utility.Execute&quot;?new()&gt;${x(&quot;id&quot;)}"));
    assertFalse(html.contains("uid="), "a command ran");
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      int ci = c;
      assertTrue(
          c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)),
          () -> "control char U+" + Integer.toHexString(ci));
      assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), "bidi char");
    }
    assertTrue(html.contains("\\x1b[2J\\x1b]0;pwned\\x07"));
    assertTrue(html.contains("\\u202Egnp.exe"));
  }

  @Test
  void hugeEvidenceIsCappedWithANote() throws Exception {
    String html = render(writer, ReportFixtures.hostile());
    assertTrue(html.length() < 256 * 1024, "page size " + html.length());
    int shown =
        ReportFixtures.HUGE
            - TerminalText.clip(ReportFixtures.hugeText(), ReportModel.EVIDENCE_TEXT_MAX, true)
                .omittedChars();
    assertTrue(shown > 0 && shown <= ReportModel.EVIDENCE_TEXT_MAX, "shown " + shown);
    assertTrue(
        html.contains(
            "truncated: first "
                + shown
                + " of "
                + ReportFixtures.HUGE
                + " characters shown, see report.json"),
        "truncation note");
  }

  @Test
  void manyEvidenceItemsAreCapped() throws Exception {
    ScanResult base = ReportFixtures.sample();
    HostResult web = base.hosts().get(0);
    java.util.List<io.auditgap.checks.Evidence> many = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(io.auditgap.checks.Evidence.of("/etc/x", i + 1, "line " + i, ""));
    }
    io.auditgap.checks.Finding f = web.findings().get(1);
    io.auditgap.checks.Finding big =
        new io.auditgap.checks.Finding(
            f.check(),
            f.title(),
            f.severity(),
            f.status(),
            f.reason(),
            many,
            f.remediation(),
            f.references());
    ScanResult r =
        new ScanResult(
            base.toolVersion(),
            base.startedAt(),
            base.finishedAt(),
            base.inventory(),
            base.profile(),
            java.util.List.of(
                new HostResult(
                    web.name(),
                    web.address(),
                    web.status(),
                    web.reason(),
                    web.hostKeyFingerprint(),
                    java.util.List.of(big),
                    web.stats())));
    String html = render(writer, r);
    assertEquals(ReportModel.EVIDENCE_ITEMS_MAX, JsonReportTest.count(html, "<pre>line "));
    assertTrue(html.contains("450 more evidence items, see report.json"));
  }

  @Test
  void writesReportHtmlIntoTheOutputDirectory(@TempDir Path dir) throws Exception {
    Path file = writer.write(ReportFixtures.sample(), dir.resolve("out"));
    assertEquals("report.html", file.getFileName().toString());
    assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    try (var s = Files.list(dir.resolve("out"))) {
      assertEquals(1, s.count(), "no temporary files left behind");
    }
  }

  @Test
  void configurationIsHardened() {
    Configuration cfg = HtmlReportWriter.configuration(null);
    assertEquals(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER, cfg.getNewBuiltinClassResolver());
    assertEquals(TemplateExceptionHandler.RETHROW_HANDLER, cfg.getTemplateExceptionHandler());
    assertFalse(cfg.isAPIBuiltinEnabled());
    assertFalse(cfg.getLogTemplateExceptions());
    assertTrue(cfg.getWrapUncheckedExceptions());
    assertFalse(cfg.getFallbackOnNullLoopVariable());
    assertEquals(Locale.ROOT, cfg.getLocale());
    assertEquals("UTC", cfg.getTimeZone().getID());
  }

  @Test
  void userTemplateUsingNewOnExecuteFails(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("pwned");
    Files.writeString(
        dir.resolve(HtmlReportWriter.TEMPLATE),
        "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"touch " + marker + "\")}");
    HtmlReportWriter hostile = new HtmlReportWriter(dir);
    ReportException e =
        assertThrows(ReportException.class, () -> render(hostile, ReportFixtures.sample()));
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    assertFalse(Files.exists(marker), "Execute ran");
  }

  @Test
  void userTemplateUsingApiFails(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve(HtmlReportWriter.TEMPLATE), "${page.scope?api.getClass().getName()}");
    assertThrows(
        ReportException.class, () -> render(new HtmlReportWriter(dir), ReportFixtures.sample()));
  }

  @Test
  void userTemplatesDirOverridesTheBundledTemplate(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve(HtmlReportWriter.TEMPLATE), "<#list page.hosts as h>[${h.name}]</#list>");
    assertEquals(
        "[web-1][db-1][legacy-3][bastion][app-2]",
        render(new HtmlReportWriter(dir), ReportFixtures.sample()));
  }

  @Test
  void userTemplateIsStillAutoEscaped(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(HtmlReportWriter.TEMPLATE), "${page.hosts[0].name}");
    String out = render(new HtmlReportWriter(dir), ReportFixtures.hostile());
    assertTrue(
        out.startsWith("host &lt;script&gt;alert(1)&lt;/script&gt;pre${7*7}post&lt;#assign"), out);
  }

  @Test
  void userTemplateThatSwitchesEscapingOffIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve(HtmlReportWriter.TEMPLATE), "<#ftl auto_esc=false>${page.hosts[0].name}");
    ReportException e =
        assertThrows(
            ReportException.class,
            () -> render(new HtmlReportWriter(dir), ReportFixtures.hostile()));
    assertTrue(e.getMessage().contains("auto-escaping"), e.getMessage());
  }

  @Test
  void userTemplatesDirFallsBackToBundledAndCannotEscapeItsBase(@TempDir Path dir)
      throws Exception {
    assertTrue(render(new HtmlReportWriter(dir), ReportFixtures.sample()).contains("web-1"));
    assertThrows(
        IllegalArgumentException.class, () -> new HtmlReportWriter(dir.resolve("missing")));
  }
}
