package io.auditgap.cli;

import io.auditgap.inventory.Branding;
import io.auditgap.report.ConsoleReport;
import io.auditgap.report.Logo;
import io.auditgap.report.ReportSettings;
import io.auditgap.report.ReportWriter;
import io.auditgap.report.ReportWriters;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** Where and in which formats to write reports; shared by scan and evaluate. */
final class ReportOptions {
  enum Color {
    AUTO,
    ALWAYS,
    NEVER
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "auditgap-report",
      description = "Directory for report files (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      defaultValue = "console,json,html",
      description =
          "Report formats, comma-separated or repeated: console, json, html, pdf, junit, csv, sarif"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(
      names = "--page-size",
      paramLabel = "SIZE",
      defaultValue = "a4",
      description = "PDF paper size: a4 or letter (default: ${DEFAULT-VALUE}).")
  String pageSize;

  @Option(
      names = "--title",
      paramLabel = "TEXT",
      description = "Assessment name on the report's title page and page headers.")
  String title;

  @Option(
      names = "--organisation",
      paramLabel = "NAME",
      description = "Organisation shown in the reports (overrides the inventory's branding).")
  String organisation;

  @Option(
      names = "--logo",
      paramLabel = "FILE",
      description =
          "PNG or JPEG logo (at most 512 KiB) for the reports (overrides the inventory's branding).")
  Path logo;

  /** Branding from the inventory; the command line wins. */
  private Branding inventoryBranding = Branding.NONE;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Report templates that override the bundled ones by name.")
  Path templates;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "Colour on the console: auto (a terminal without NO_COLOR), always, never.")
  Color color;

  boolean ansi() {
    return switch (color) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }

  /** Uses the inventory's branding where the command line gives none. */
  void inventoryBranding(Branding branding) {
    this.inventoryBranding = branding == null ? Branding.NONE : branding;
  }

  /** Title, branding and paper size for the writers. */
  ReportSettings settings() {
    ReportSettings.PageSize size = ReportSettings.PageSize.parse(pageSize);
    if (size == null) {
      throw new InputException("--page-size: '" + pageSize + "' is not a4 or letter");
    }
    String org = organisation != null ? organisation : inventoryBranding.organisation();
    Path logoFile = logo != null ? logo : inventoryBranding.logo();
    Logo l = null;
    if (logoFile != null) {
      String option = logo != null ? "--logo" : "inventory branding.logo";
      if (!Files.isRegularFile(logoFile)) {
        if (logo != null) {
          throw new InputException(option + ": " + logoFile + " is not a file");
        }
      } else {
        try {
          l = Logo.read(logoFile);
        } catch (IllegalArgumentException | IOException e) {
          throw new InputException(option + ": " + e.getMessage());
        }
      }
    }
    return new ReportSettings(title, org, l, size, null);
  }

  /**
   * Validates the format names (and a templates directory) before anything runs on a host. The
   * writers themselves are made only when the reports are written: the first hosts' connections
   * wait for this check.
   */
  Set<String> validated() {
    settings();
    if (templates != null) {
      writers();
    }
    Set<String> out = formatNames();
    if (!out.equals(Set.of("console"))) {
      checkOutput();
    }
    return out;
  }

  /** The formats asked for, each once, in order; an unknown or empty list is refused. */
  private Set<String> formatNames() {
    List<String> known = ReportWriters.STANDARD_FORMATS;
    Set<String> out = new LinkedHashSet<>();
    for (String f : formats) {
      String name = f.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !known.contains(name)) {
        throw new InputException(
            "--format: unknown format '" + f.strip() + "'; use one or more of " + known);
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    if (out.isEmpty()) {
      throw new InputException("--format: no format given; use one or more of " + known);
    }
    return out;
  }

  /**
   * Fails before anything runs on a host when the output directory cannot be written: it (or its
   * nearest existing parent) must be a directory in which a file can be created. Creates nothing.
   */
  void checkOutput() {
    Path dir = output.toAbsolutePath();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new InputException("-o: " + output + ": no such directory");
    }
    if (!Files.isDirectory(existing)) {
      throw new InputException(
          "-o: "
              + output
              + ": "
              + (existing.equals(dir) ? "not a directory" : existing + " is not a directory"));
    }
    try {
      Files.delete(Files.createTempFile(existing, ".auditgap-write-test", ".tmp"));
    } catch (IOException e) {
      throw new InputException("-o: cannot write to " + output + ": " + OsReason.of(e));
    }
  }

  private ReportWriters writers() {
    try {
      return ReportWriters.standard(ansi(), templates, settings());
    } catch (IllegalArgumentException e) {
      throw new InputException("--templates: " + e.getMessage());
    }
  }

  /**
   * Writes every requested format; the console one to {@code out}, the others into files. The
   * options were checked by {@link #validated()} before the scan; the writers are made here, after
   * the inventory's branding is known, and only here.
   */
  List<Path> emit(ScanResult result, PrintWriter out, PrintWriter err) {
    List<Path> written = new ArrayList<>();
    ReportWriters writers = writers();
    for (String f : formatNames()) {
      ReportWriter w = writers.get(f);
      try {
        if (w instanceof ConsoleReport c) {
          out.print(c.render(result));
          out.flush();
        } else {
          written.add(w.write(result, output));
        }
      } catch (IOException e) {
        throw new InputException(
            "cannot write the " + f + " report to " + output + ": " + OsReason.of(e));
      }
    }
    for (Path p : written) {
      err.println("wrote " + p);
    }
    err.flush();
    return written;
  }
}
