package io.auditgap.facts.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads real configuration files from {@code fixtures/forwarding/} (see SOURCES.md there). */
public final class Fixtures {
  private Fixtures() {}

  public static String read(String name) {
    try (InputStream in =
        Fixtures.class.getClassLoader().getResourceAsStream("fixtures/forwarding/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
