package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in real headless Chromium: a screenshot, and the DOM after load (with and
 * without JavaScript) checked for every section, a matrix row per host and a cell per check.
 */
class HtmlInChromiumTest {
  @TempDir static Path dir;
  static Path html;
  static ScanResult fleet;

  @BeforeAll
  static void write() throws Exception {
    fleet = FleetFixtures.fleet();
    html =
        new HtmlReportWriter(null, ReportSettings.DEFAULT.withOrganisation("Example Corp"))
            .write(fleet, dir);
  }

  /**
   * The DOM after load. Without JavaScript, the page's own CSP is switched to {@code script-src
   * 'none'}: Chromium then refuses the inline script exactly as a browser with JavaScript off would
   * not run it ({@code --blink-settings=scriptEnabled=false} makes headless {@code --dump-dom}
   * print nothing, as dumping itself needs script).
   */
  static String dumpDom(Path chromium, boolean javascript) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path page = html;
    if (!javascript) {
      String text = Files.readString(html);
      String noScript = text.replaceFirst("script-src 'sha256-[^']+'", "script-src 'none'");
      assertFalse(noScript.equals(text), "CSP script-src not found");
      page = dir.resolve("report-nojs.html");
      Files.writeString(page, noScript);
    }
    List<String> args = new ArrayList<>();
    args.add("--dump-dom");
    args.add(page.toUri().toString());
    return Tools.run(
        120, Tools.chromium(chromium, profile, args.toArray(new String[0])).toArray(new String[0]));
  }

  @Test
  void screenshot() throws Exception {
    Path chromium = Tools.require("chromium", "chromium");
    Path png = dir.resolve("shot.png");
    Path profile = Files.createTempDirectory(dir, "profile");
    Tools.run(
        120,
        Tools.chromium(
                chromium,
                profile,
                "--hide-scrollbars",
                "--window-size=1366,900",
                "--screenshot=" + png,
                html.toUri().toString())
            .toArray(new String[0]));
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
    assertTrue(bytes.length > 10_000, "a blank page? " + bytes.length + " bytes");
  }

  @Test
  void renderedDomHasEverySectionWithAndWithoutJavascript() throws Exception {
    Path chromium = Tools.require("chromium", "chromium");
    for (boolean js : new boolean[] {true, false}) {
      String label = js ? "with JavaScript" : "without JavaScript";
      Document d = Jsoup.parse(dumpDom(chromium, js));
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
        assertEquals(1, d.select("section#" + id).size(), label + ": section " + id);
      }
      List<Element> rows = d.select("table.matrix tbody tr");
      assertEquals(fleet.hosts().size(), rows.size(), label + ": matrix rows");
      for (int i = 0; i < rows.size(); i++) {
        Element row = rows.get(i);
        assertEquals(fleet.hosts().get(i).name(), row.selectFirst("th").text(), label);
        assertEquals(5, row.select("td[class^=c]").size(), label + ": a cell per check");
      }
      assertEquals("F", rows.get(0).select("td[class^=c]").get(0).text());
      assertEquals("U", rows.get(5).select("td[class^=c]").get(2).text());
      assertEquals("-", rows.get(6).select("td[class^=c]").get(0).text());
      List<String> frameworks = d.select("section#frameworks h3").eachText();
      for (String fw :
          new String[] {"SOC 2", "ISO 27001", "HIPAA", "PCI DSS", "NIST 800-53", "CIS"}) {
        assertTrue(
            frameworks.stream().anyMatch(t -> t.startsWith(fw + " (")),
            label + ": framework " + fw);
      }
      Element soc2 = d.selectFirst("section#frameworks h3:matches(^SOC 2) + table");
      assertTrue(soc2.text().contains("CC7.2"), label);
      assertTrue(soc2.select("td.ctl-gap").size() >= 1, label + ": SOC 2 gap row");
      assertEquals(fleet.hosts().size(), d.select("details.host").size(), label + ": host details");
      assertTrue(d.select("section#exposure").text().contains("No exposure probe in this scan."));
      assertTrue(d.select("section#unknowns").text().contains("auditctl -s needs root"), label);
      assertTrue(d.select("details#host-8 summary").text().startsWith("сервер-москва-1"), label);
      Element search = d.getElementById("q");
      assertEquals(!js, search.hasAttr("hidden"), label + ": search box shown only with JS");
      assertFalse(d.select("script").isEmpty());
    }
  }
}
