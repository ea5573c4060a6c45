package io.auditgap.report;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * {@code report.html}: one self-contained page rendered by FreeMarker from {@code report.ftlh}
 * (HTML output format, auto-escaped). Inline CSS and SVG, one fixed inline script (search) allowed
 * by its hash in the Content-Security-Policy, no external resources; the page works fully with
 * JavaScript off.
 *
 * <p>Templates are looked up first in the optional user templates directory, then on the classpath
 * under {@code /templates}. Templates are code: the {@code ?new} built-in is locked ({@link
 * TemplateClassResolver#ALLOWS_NOTHING_RESOLVER}), {@code ?api} is off, and a template whose output
 * format is not HTML or whose auto-escaping is switched off is refused. Host data only ever goes
 * into the data model ({@link ReportModel}), never into template source.
 */
public final class HtmlReportWriter implements ReportWriter {
  public static final String TEMPLATE = "report.ftlh";

  private final Templates templates;
  private final ReportSettings settings;

  /** Bundled templates only. */
  public HtmlReportWriter() {
    this(null);
  }

  /**
   * @param userTemplatesDir a directory whose templates override the bundled ones by name, or null
   */
  public HtmlReportWriter(Path userTemplatesDir) {
    this(userTemplatesDir, ReportSettings.DEFAULT);
  }

  public HtmlReportWriter(Path userTemplatesDir, ReportSettings settings) {
    this.templates = new Templates(userTemplatesDir);
    this.settings = settings == null ? ReportSettings.DEFAULT : settings;
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    templates.render(TEMPLATE, ReportModel.of(result, settings, false), out);
  }

  static Configuration configuration(Path userTemplatesDir) {
    return Templates.configuration(userTemplatesDir);
  }
}
