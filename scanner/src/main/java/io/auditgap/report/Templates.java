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
import io.auditgap.text.TerminalText;
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
 * The locked-down FreeMarker set-up shared by the HTML and PDF writers. Templates are looked up
 * first in the optional user templates directory, then on the classpath under {@code /templates}.
 * {@code ?new} is locked, {@code ?api} is off, errors are rethrown, and a template whose output
 * format is not HTML or whose auto-escaping is off is refused. Host data only ever goes into the
 * data model, never into template source.
 */
final class Templates {
  private final TemplateLoader userLoader;
  private Configuration cfg;

  /**
   * Checks the user templates directory at once (a wrong one is an error whatever the formats);
   * FreeMarker itself is set up at the first render, so a scan that writes no HTML or PDF does not
   * pay for it.
   */
  Templates(Path userTemplatesDir) {
    this.userLoader = userTemplatesDir == null ? null : userLoader(userTemplatesDir);
  }

  private synchronized Configuration cfg() {
    if (cfg == null) {
      cfg = configuration(userLoader);
    }
    return cfg;
  }

  /** Renders template {@code name} with {@code page} as the variable {@code page}. */
  void render(String name, ReportModel.Page page, Writer out) throws IOException {
    Template template = cfg().getTemplate(name);
    if (!(template.getOutputFormat() instanceof HTMLOutputFormat) || !template.getAutoEscaping()) {
      throw new ReportException(
          "template " + name + " must use the HTML output format with auto-escaping on");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("page", page);
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      throw new ReportException(
          "cannot render " + name + ": " + TerminalText.line(e.getMessageWithoutStackTop()), e);
    }
    out.flush();
  }

  static Configuration configuration(Path userTemplatesDir) {
    return configuration(userTemplatesDir == null ? null : userLoader(userTemplatesDir));
  }

  private static TemplateLoader userLoader(Path userTemplatesDir) {
    if (!Files.isDirectory(userTemplatesDir)) {
      throw new IllegalArgumentException(
          "templates directory does not exist: "
              + TerminalText.line(userTemplatesDir.toString(), 500));
    }
    try {
      return new FileTemplateLoader(userTemplatesDir.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot use templates directory "
              + TerminalText.line(userTemplatesDir.toString(), 500)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Configuration configuration(TemplateLoader userLoader) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    List<TemplateLoader> loaders = new ArrayList<>();
    if (userLoader != null) {
      loaders.add(userLoader);
    }
    loaders.add(new ClassTemplateLoader(Templates.class, "/templates"));
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
