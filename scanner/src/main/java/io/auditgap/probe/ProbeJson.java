package io.auditgap.probe;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.json.Json;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads {@code probe.json}: the {@link ProbeReport} record through the shared {@link
 * Json} configuration, both ways.
 */
public final class ProbeJson {
  private ProbeJson() {}

  public static void write(ProbeReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Json.write(report, w);
  }

  public static void write(ProbeReport report, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(report, out);
    }
  }

  public static String toJson(ProbeReport report) throws IOException {
    StringWriter w = new StringWriter();
    Json.write(report, w);
    return w.toString();
  }

  /**
   * Reads a report; fails on a format version newer than this build understands. The version is
   * checked on the tree before binding, so a newer file is named as such, not by a key it lacks.
   */
  public static ProbeReport read(InputStream in) throws IOException {
    try {
      JsonNode tree = Json.mapper().readTree(in);
      if (tree == null || !tree.isObject()) {
        throw new IOException("probe.json: expected an object");
      }
      JsonNode version = tree.path("version");
      if (!version.isInt()
          || version.intValue() < 1
          || version.intValue() > ProbeReport.FORMAT_VERSION) {
        throw new IOException(
            "unsupported probe.json version "
                + TerminalText.ascii(version.toString(), 20)
                + " (this build reads up to "
                + ProbeReport.FORMAT_VERSION
                + ")");
      }
      return Json.mapper().treeToValue(tree, ProbeReport.class);
    } catch (JacksonException e) {
      // The message quotes the file, which is input: nothing in it may drive a terminal.
      throw new IOException(TerminalText.ascii(Json.describe(e), 300), e);
    }
  }

  public static ProbeReport read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }
}
