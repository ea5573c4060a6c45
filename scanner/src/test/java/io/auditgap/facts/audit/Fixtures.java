package io.auditgap.facts.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads fixtures under {@code src/test/resources/audit/} (see SOURCES.md there). */
final class Fixtures {
  static final Machine X86_64 = Machine.of("x86_64").orElseThrow();
  static final AuditRuleParser PARSER = new AuditRuleParser(X86_64);

  private Fixtures() {}

  static String text(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/audit/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real kernel listing captured for a fixture, parsed. */
  static RuleSet listing(String name) {
    return RuleSet.load(PARSER.parse("auditctl -l", text("listings/" + name + ".auditctl-l.txt")));
  }

  /** A rules file, loaded as auditctl -R would. */
  static RuleSet rulesFile(String path) {
    return RuleSet.load(PARSER.parse(path, text(path)));
  }
}
