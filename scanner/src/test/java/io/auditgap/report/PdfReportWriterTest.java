package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportWriterTest {
  static final Instant RENDERED = Instant.parse("2026-03-02T12:00:00Z");
  static final ReportSettings SETTINGS =
      ReportSettings.DEFAULT
          .withTitle("Q1 SSH audit")
          .withOrganisation("Example Corp")
          .withRenderedAt(RENDERED);
  static final String HEADER = "Q1 SSH audit · Example Corp · 2026-03-02";

  @TempDir static Path dir;
  static Path fleetPdf;

  @BeforeAll
  static void renderFleet() throws Exception {
    fleetPdf = new PdfReportWriter(null, SETTINGS).write(FleetFixtures.fleet(), dir);
  }

  static byte[] render(ScanResult r, ReportSettings s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PdfReportWriter(null, s).write(r, out);
    return out.toByteArray();
  }

  @Test
  void printHtmlMatchesGoldenFile() throws Exception {
    Golden.assertMatches(
        "report-print.html",
        new PdfReportWriter(null, SETTINGS).printHtml(ReportFixtures.sample()));
  }

  @Test
  void sameResultAndTimestampGiveTheSameBytes() throws Exception {
    byte[] a = render(ReportFixtures.sample(), SETTINGS);
    byte[] b = render(ReportFixtures.sample(), SETTINGS);
    assertArrayEquals(a, b, "two renders differ");
    byte[] c = render(ReportFixtures.sample(), SETTINGS.withRenderedAt(RENDERED.plusSeconds(1)));
    assertFalse(java.util.Arrays.equals(a, c), "the timestamp is in the file");
  }

  @Test
  void leavesNoScratchFileBehind(@TempDir Path tmp) throws Exception {
    // PDFBox keeps the page content in a scratch file, readable by other users of the temporary
    // directory: it must be gone once the report is written.
    new PdfReportWriter(null, SETTINGS)
        .scratchDirectory(tmp)
        .write(FleetFixtures.fleet(), new ByteArrayOutputStream());
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void sourceDateEpochIsParsed() {
    assertEquals(
        Instant.parse("2026-01-01T00:00:00Z"), ReportSettings.sourceDateEpoch(" 1767225600 "));
    assertEquals(null, ReportSettings.sourceDateEpoch("yesterday"));
    assertEquals(null, ReportSettings.sourceDateEpoch(null));
  }

  @Test
  void metadataAndPageSize() throws Exception {
    try (PDDocument d = Loader.loadPDF(fleetPdf.toFile())) {
      PDDocumentInformation info = d.getDocumentInformation();
      assertEquals("Q1 SSH audit", info.getTitle());
      assertEquals("Example Corp", info.getAuthor());
      assertEquals(RENDERED.toEpochMilli(), info.getCreationDate().getTimeInMillis());
      assertEquals(RENDERED.toEpochMilli(), info.getModificationDate().getTimeInMillis());
      assertEquals(595, Math.round(d.getPage(0).getMediaBox().getWidth()));
      assertEquals(842, Math.round(d.getPage(0).getMediaBox().getHeight()));
    }
    byte[] letter =
        render(ReportFixtures.sample(), SETTINGS.withPageSize(ReportSettings.PageSize.LETTER));
    try (PDDocument d = Loader.loadPDF(letter)) {
      assertEquals(612, Math.round(d.getPage(0).getMediaBox().getWidth()));
      assertEquals(792, Math.round(d.getPage(0).getMediaBox().getHeight()));
    }
  }

  @Test
  void nothingIsFetched(@TempDir Path templates) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      AtomicInteger connections = new AtomicInteger();
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    server.accept().close();
                    connections.incrementAndGet();
                  } catch (SocketTimeoutException e) {
                    // keep listening
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      String url = "http://127.0.0.1:" + server.getLocalPort();
      Path secret = templates.resolve("secret.txt");
      Files.writeString(secret, "SECRET-CONTENT");
      Files.writeString(
          templates.resolve(PdfReportWriter.TEMPLATE),
          "<html><head><link rel=\"stylesheet\" href=\""
              + url
              + "/a.css\"><style>@import url(\""
              + url
              + "/b.css\"); body{background:url("
              + url
              + "/c.png)}</style></head><body><p>x</p><img src=\""
              + url
              + "/d.png\"><img src=\"file://"
              + secret
              + "\"><iframe src=\""
              + url
              + "/e\"></iframe><object data=\""
              + secret.toUri()
              + "\"></object></body></html>");
      byte[] pdf = render(ReportFixtures.sample(), SETTINGS.withTitle(null));
      Thread.sleep(300);
      assertEquals(0, connections.get(), "the PDF renderer connected to " + url);
      try (PDDocument d = Loader.loadPDF(pdf)) {
        assertFalse(new PDFTextStripper().getText(d).contains("SECRET-CONTENT"));
      }
    }
  }

  @Test
  void hostileResultRendersInert() throws Exception {
    byte[] pdf = render(ReportFixtures.hostile(), SETTINGS);
    assertTrue(pdf.length < 2 * 1024 * 1024, "size " + pdf.length);
    try (PDDocument d = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(d);
      for (char c : text.toCharArray()) {
        assertTrue(
            c == '\n'
                || c == '\r'
                || c == '\t'
                || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f),
            "control char U+" + Integer.toHexString(c));
        assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), "bidi char");
      }
      assertTrue(text.contains("<script>alert(1)</script>pre${7*7}post"), "shown literally");
      assertTrue(text.contains("\\x1b[2J"));
      assertTrue(text.contains("\\u202Egnp.exe"));
      assertFalse(text.contains("pre49post"));
    }
  }

  @Test
  void popplerSeesPagesTocHeadersFootersAndEmbeddedFonts() throws Exception {
    Tools.require("pdftotext", "poppler-utils");
    String info = Tools.run(60, "pdfinfo", fleetPdf.toString());
    Matcher pm = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(info);
    assertTrue(pm.find(), info);
    int pages = Integer.parseInt(pm.group(1));
    assertTrue(info.contains("Title:           Q1 SSH audit"), info);
    assertTrue(info.contains("Author:          Example Corp"), info);

    String text = Tools.run(60, "pdftotext", "-layout", "-enc", "UTF-8", fleetPdf.toString(), "-");
    String[] byPage = text.split("\f", -1);
    assertEquals(pages, byPage.length - 1, "form feeds");
    for (int p = 1; p <= pages; p++) {
      String page = byPage[p - 1];
      assertTrue(page.contains("Page " + p + " of " + pages), "footer on page " + p);
      if (p > 1) {
        assertTrue(page.contains(HEADER), "running header on page " + p);
      }
    }
    ScanResult fleet = FleetFixtures.fleet();
    assertTrue(pages >= 10 + fleet.hosts().size() - 1, "title, toc, 8 sections, a page per host");

    Map<String, Integer> toc = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\s*(\\S.*?) \\.{3,}\\s*(\\d+)\\s*$").matcher(byPage[1]);
    while (m.find()) {
      toc.put(m.group(1).strip(), Integer.parseInt(m.group(2)));
    }
    for (String section :
        new String[] {
          "Executive summary",
          "Scope and method",
          "Frameworks",
          "Hosts and checks",
          "Unknowns",
          "Exposure",
          "Accepted risks",
          "Checks",
          "Hosts"
        }) {
      assertTrue(toc.containsKey(section), "TOC entry " + section + " in " + toc.keySet());
      String page = byPage[toc.get(section) - 1];
      assertTrue(page.contains(section), section + " is on page " + toc.get(section));
    }
    List<String> hostsInToc = new ArrayList<>();
    for (HostResult h : fleet.hosts()) {
      Integer p = toc.get(h.name());
      assertTrue(p != null, "TOC entry for host " + h.name());
      hostsInToc.add(h.name());
      String page = byPage[p - 1];
      assertTrue(
          page.contains(h.name() + " (" + h.status().id() + ")"),
          "host section " + h.name() + " starts on page " + p);
    }
    assertEquals(
        pages,
        toc.get(fleet.hosts().get(fleet.hosts().size() - 1).name()),
        "the last host section is the last page");
    for (int i = 1; i < hostsInToc.size(); i++) {
      assertTrue(
          toc.get(hostsInToc.get(i)) > toc.get(hostsInToc.get(i - 1)),
          "each host section starts on a new page");
    }
    assertTrue(text.contains("сервер-москва-1 (assessed)"), "Cyrillic host name");
    assertTrue(text.contains("журнал.rules:4"), "Cyrillic path");
    assertTrue(text.contains("κανόνας"), "Greek evidence");

    String fonts = Tools.run(60, "pdffonts", fleetPdf.toString());
    String[] lines = fonts.strip().split("\n");
    assertTrue(lines.length > 2, fonts);
    for (int i = 2; i < lines.length; i++) {
      String[] cols = lines[i].trim().split("\\s+");
      assertTrue(lines[i].contains("DejaVu"), "only the shipped fonts: " + lines[i]);
      assertEquals("yes", cols[cols.length - 5], "embedded: " + lines[i]);
    }
  }

  @Test
  void rasterisesEveryPage(@TempDir Path out) throws Exception {
    Tools.require("pdftoppm", "poppler-utils");
    Tools.run(
        120, "pdftoppm", "-r", "30", "-png", fleetPdf.toString(), out.resolve("p").toString());
    try (var s = Files.list(out)) {
      List<Path> pngs = s.sorted().toList();
      try (PDDocument d = Loader.loadPDF(fleetPdf.toFile())) {
        assertEquals(d.getNumberOfPages(), pngs.size());
      }
      for (Path p : pngs) {
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
      }
    }
  }
}
