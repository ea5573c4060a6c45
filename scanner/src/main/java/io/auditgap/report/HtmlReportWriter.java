package io.auditgap.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * {@code report.html}: one self-contained page rendered by FreeMarker from {@code report.ftlh}
 * (HTML output format, auto-escaped). Inline CSS and SVG only, no scripts and no external
 * resources; a Content-Security-Policy forbids both anyway.
 *
 * <p>Templates are looked up first in the optional user templates directory, then on the classpath
 * under {@code /templates}. Templates are code: the {@code ?new} built-in is locked ({@link
 * TemplateClassResolver#ALLOWS_NOTHING_RESOLVER}), {@code ?api} is off, and a template whose output
 * format is not HTML or whose auto-escaping is switched off is refused. Host data only ever goes
 * into the data model ({@link HtmlReportModel}), never into template source.
 */
public final class HtmlReportWriter implements ReportWriter {
  public static final String TEMPLATE = "report.ftlh";

  private final Configuration cfg;

  /** Bundled templates only. */
  public HtmlReportWriter() {
    this(null);
  }

  /**
   * @param userTemplatesDir a directory whose templates override the bundled ones by name, or null
   */
  public HtmlReportWriter(Path userTemplatesDir) {
    this.cfg = configuration(userTemplatesDir);
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public String fileName() {
    return "report.html";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    Template template = cfg.getTemplate(TEMPLATE);
    if (!(template.getOutputFormat() instanceof HTMLOutputFormat) || !template.getAutoEscaping()) {
      throw new ReportException(
          "template " + TEMPLATE + " must use the HTML output format with auto-escaping on");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("page", HtmlReportModel.of(result));
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      throw new ReportException(
          "cannot render " + TEMPLATE + ": " + TerminalText.line(e.getMessageWithoutStackTop()), e);
    }
    out.flush();
  }

  static Configuration configuration(Path userTemplatesDir) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    List<TemplateLoader> loaders = new ArrayList<>();
    if (userTemplatesDir != null) {
      if (!Files.isDirectory(userTemplatesDir)) {
        throw new IllegalArgumentException(
            "templates directory does not exist: "
                + TerminalText.line(userTemplatesDir.toString(), 500));
      }
      try {
        loaders.add(new FileTemplateLoader(userTemplatesDir.toFile()));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot use templates directory "
                + TerminalText.line(userTemplatesDir.toString(), 500)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    loaders.add(new ClassTemplateLoader(HtmlReportWriter.class, "/templates"));
    cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
    cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setSQLDateAndTimeTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    return cfg;
  }
}
