package io.auditgap.report;

import io.auditgap.scan.ScanResult;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Renders a {@link ScanResult} in one format. Implementations are stateless and thread-safe. */
public interface ReportWriter {

  /**
   * The format name used on the command line: {@code console}, {@code json}, {@code html}, {@code
   * pdf}, {@code junit}, {@code csv}.
   */
  String format();

  /**
   * The file {@link #write(ScanResult, Path)} creates in the output directory: {@code
   * report.FORMAT} unless the format says otherwise.
   */
  default String fileName() {
    return "report." + format();
  }

  /** Renders the report to {@code out}; does not close it. Binary formats throw. */
  void write(ScanResult result, Writer out) throws IOException;

  /**
   * Renders the report as bytes to {@code out} (UTF-8 for text formats); does not close it. Binary
   * formats (PDF) override this.
   */
  default void write(ScanResult result, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    write(result, w);
    w.flush();
  }

  /**
   * Writes {@link #fileName()} into {@code outputDir}, creating the directory if needed. The file
   * is written to a temporary file first and moved into place, so a failed render never leaves a
   * half-written report behind.
   *
   * @return the path of the written file
   */
  default Path write(ScanResult result, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path target = outputDir.resolve(fileName());
    Path tmp = Files.createTempFile(outputDir, "." + fileName() + ".", ".tmp");
    TemporaryFiles.add(tmp);
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        write(result, o);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
      TemporaryFiles.remove(tmp);
    }
    return target;
  }
}
