package io.auditgap.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.report.ReportFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code probe.json} example in docs/probe.md is what the writer produces: valid against
 * docs/probe-schema.json, and read then written again gives the example's bytes (key order, layout,
 * omitted keys).
 */
class ProbeDocTest {
  static final Path DOC = Path.of("..", "docs", "probe.md");

  @Test
  void theDocumentedProbeJsonIsTheWritersOutput(@TempDir Path dir) throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int heading = doc.indexOf("## probe.json");
    assertTrue(heading >= 0, "docs/probe.md has no probe.json section");
    int start = doc.indexOf("```json\n", heading);
    int end = doc.indexOf("```\n", start + 8);
    assertTrue(start > 0 && end > start, "no json block in the probe.json section");
    String example = doc.substring(start + "```json\n".length(), end);
    Path file = dir.resolve("probe.json");
    Files.writeString(file, example, StandardCharsets.UTF_8);
    ReportFiles.readValidProbe(file);
    ProbeReport read = ProbeJson.read(file);
    assertEquals(3, read.targets().size());
    assertEquals(example, ProbeJson.toJson(read));
  }
}
