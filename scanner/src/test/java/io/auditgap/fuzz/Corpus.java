package io.auditgap.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seed corpus: real configuration files already committed as fixtures (each cited in the SOURCES.md
 * or README.md beside it), plus the hand-written hostile seeds in {@code
 * src/test/resources/fuzz/<target>/}. Globs are relative to {@code src/test}.
 */
final class Corpus {
  private static final Path TEST_ROOT = Path.of("src/test");

  private Corpus() {}

  static List<String> seeds(String target, String... globs) {
    List<String> out = new ArrayList<>();
    List<String> all = new ArrayList<>(List.of(globs));
    all.add("resources/fuzz/" + target + "/*");
    for (String glob : all) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      try (Stream<Path> files = Files.walk(TEST_ROOT)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> m.matches(TEST_ROOT.relativize(p)))
            .sorted()
            .forEach(p -> out.add(read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (out.size() < 2) {
      throw new IllegalStateException("fuzz target " + target + ": fewer than 2 seeds in " + all);
    }
    return List.copyOf(out);
  }

  private static String read(Path p) {
    try {
      // Bytes as the collector would pass them on: invalid UTF-8 is replaced, not refused.
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
