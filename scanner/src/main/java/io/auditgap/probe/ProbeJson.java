package io.auditgap.probe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes and reads {@code probe.json}. */
public final class ProbeJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new InstantModule())
          .build();

  private ProbeJson() {}

  public static void write(ProbeReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, report);
  }

  public static void write(ProbeReport report, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(report, out);
    }
  }

  public static String toJson(ProbeReport report) throws IOException {
    return MAPPER.writeValueAsString(report);
  }

  /** Reads a report; fails on a format version newer than this build understands. */
  public static ProbeReport read(InputStream in) throws IOException {
    ProbeReport r = MAPPER.readValue(in, ProbeReport.class);
    if (r.version() < 1 || r.version() > ProbeReport.FORMAT_VERSION) {
      throw new IOException(
          "unsupported probe.json version "
              + r.version()
              + " (this build reads up to "
              + ProbeReport.FORMAT_VERSION
              + ")");
    }
    return r;
  }

  public static ProbeReport read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /** ISO-8601 instants as strings, without the jsr310 module (not on the classpath). */
  private static final class InstantModule
      extends com.fasterxml.jackson.databind.module.SimpleModule {
    InstantModule() {
      addSerializer(
          Instant.class,
          new com.fasterxml.jackson.databind.ser.std.ToStringSerializer(Instant.class));
      addDeserializer(
          Instant.class,
          new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<Instant>(
              Instant.class) {
            @Override
            protected Instant _deserialize(
                String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
              return Instant.parse(value);
            }
          });
    }
  }
}
