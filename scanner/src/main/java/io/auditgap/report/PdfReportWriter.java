package io.auditgap.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.ScratchFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * {@code report.pdf}: the print template {@code report-print.ftlh} (same model and the same
 * locked-down FreeMarker set-up as the HTML report) laid out by openhtmltopdf: title page, table of
 * contents with page numbers, running header, "page X of Y" footer, one section per host.
 *
 * <p>The HTML goes through jsoup's W3C DOM. Nothing is fetched: every resource request other than
 * an inline {@code data:} URI is refused (resource access control, a URI resolver and stream
 * factories for http, https, file, jar and ftp that refuse). Fonts (DejaVu Sans, Sans Bold, Sans
 * Mono) are loaded from {@code templates/fonts/} (user templates directory first, then the bundled
 * ones) and embedded as subsets; there is no fallback to the 14 standard PDF fonts.
 *
 * <p>Output is deterministic for a given result and {@link ReportSettings#effectiveRenderedAt()}
 * ({@code SOURCE_DATE_EPOCH}): creation and modification dates come from it, and the document id is
 * a hash of it and the rendered HTML.
 */
public final class PdfReportWriter implements ReportWriter {
  public static final String TEMPLATE = "report-print.ftlh";

  /** Fonts: file under {@code templates/fonts/}, CSS family, weight. */
  static final List<String[]> FONTS =
      List.of(
          new String[] {"DejaVuSans.ttf", "DejaVu Sans", "400"},
          new String[] {"DejaVuSans-Bold.ttf", "DejaVu Sans", "700"},
          new String[] {"DejaVuSansMono.ttf", "DejaVu Sans Mono", "400"});

  static {
    XRLog.setLoggingEnabled(false);
  }

  private final Templates templates;
  private final Path userTemplatesDir;
  private final ReportSettings settings;
  private File scratchDirectory;

  public PdfReportWriter() {
    this(null, ReportSettings.DEFAULT);
  }

  /**
   * @param userTemplatesDir a directory whose templates (and {@code fonts/}) override the bundled
   *     ones by name, or null
   */
  public PdfReportWriter(Path userTemplatesDir, ReportSettings settings) {
    this.templates = new Templates(userTemplatesDir);
    this.userTemplatesDir = userTemplatesDir;
    this.settings = settings == null ? ReportSettings.DEFAULT : settings;
  }

  /** Where PDFBox keeps page content while the document is built; null: the JVM's tmpdir. */
  PdfReportWriter scratchDirectory(Path dir) {
    this.scratchDirectory = dir == null ? null : dir.toFile();
    return this;
  }

  @Override
  public String format() {
    return "pdf";
  }

  /** PDF is binary: use {@link #write(ScanResult, OutputStream)}. */
  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    throw new ReportException("the pdf report is binary; write it to a stream or a directory");
  }

  /** The print HTML the PDF is laid out from (for tests and custom template authors). */
  public String printHtml(ScanResult result) throws IOException {
    return printHtml(ReportModel.of(result, settings, true));
  }

  private String printHtml(ReportModel.Page page) throws IOException {
    StringWriter html = new StringWriter();
    templates.render(TEMPLATE, page, html);
    return html.toString();
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    Instant renderedAt = settings.effectiveRenderedAt();
    ReportModel.Page page = ReportModel.of(result, settings.withRenderedAt(renderedAt), true);
    String html = printHtml(page);
    org.w3c.dom.Document dom = new W3CDom().fromJsoup(Jsoup.parse(html));

    PdfRendererBuilder b = new PdfRendererBuilder();
    b.withW3cDocument(dom, "about:blank");
    b.useExternalResourceAccessControl(
        PdfReportWriter::allowed, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    b.useExternalResourceAccessControl(
        PdfReportWriter::allowed, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    b.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
    b.useProtocolsStreamImplementation(
        url -> {
          throw new UncheckedIOException(new IOException("resource access refused: " + url));
        },
        Set.of("http", "https", "file", "jar", "ftp"));
    for (String[] f : FONTS) {
      byte[] data = font(f[0]);
      b.useFont(
          () -> new ByteArrayInputStream(data),
          f[1],
          Integer.valueOf(f[2]),
          BaseRendererBuilder.FontStyle.NORMAL,
          true);
    }
    b.withProducer("auditgap");
    // The renderer does not close a document it was given, and PDFBox deletes its scratch file
    // (the page content, readable by others in the temporary directory) only on close.
    MemoryUsageSetting scratchFile = MemoryUsageSetting.setupTempFileOnly();
    scratchFile.setTempDir(scratchDirectory);
    try (PDDocument scratch = new PDDocument(() -> new ScratchFile(scratchFile));
        PdfBoxRenderer renderer = b.usePDDocument(scratch).buildPdfRenderer()) {
      renderer.createPDFWithoutClosing();
      PDDocument doc = renderer.getPdfDocument();
      PDDocumentInformation info = doc.getDocumentInformation();
      Calendar when = calendar(renderedAt);
      info.setTitle(page.meta().title());
      info.setAuthor(
          page.meta().organisation().isEmpty() ? "auditgap" : page.meta().organisation());
      info.setSubject("SSH session auditing gaps, " + page.scope().hosts() + " hosts");
      info.setCreator(JsonReportWriter.TOOL_NAME + " " + page.scope().toolVersion());
      info.setProducer("auditgap (openhtmltopdf, PDFBox)");
      info.setCreationDate(when);
      info.setModificationDate(when);
      byte[] id = documentId(renderedAt, html);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      doc.getDocument().getTrailer().setItem(COSName.ID, ids);
      doc.save(out);
    } catch (UncheckedIOException e) {
      throw new ReportException("cannot render the pdf report: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ReportException(
          "cannot render the pdf report: " + TerminalText.line(String.valueOf(e.getMessage())), e);
    }
    out.flush();
  }

  private static boolean allowed(String uri, ExternalResourceType type) {
    return uri != null && uri.startsWith("data:");
  }

  /** A font file from the user templates directory's {@code fonts/}, else the bundled one. */
  private byte[] font(String name) throws IOException {
    if (userTemplatesDir != null) {
      Path dir = userTemplatesDir.resolve("fonts").normalize();
      Path file = dir.resolve(name).normalize();
      if (file.startsWith(dir) && Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
    }
    try (InputStream in = PdfReportWriter.class.getResourceAsStream("/templates/fonts/" + name)) {
      if (in == null) {
        throw new ReportException("bundled font templates/fonts/" + name + " is missing");
      }
      return in.readAllBytes();
    }
  }

  private static Calendar calendar(Instant i) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    c.setTimeInMillis(i.toEpochMilli());
    return c;
  }

  static byte[] documentId(Instant renderedAt, String html) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(renderedAt.toString().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(html.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(md.digest(), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
