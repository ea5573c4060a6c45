package io.auditgap.checks.matchers.auditsubsystem;

import io.auditgap.checks.CatalogException;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.CheckParams;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Snapshot assembly from real fixtures, and evaluation of a bundled check by its id. */
final class Host {
  static final String RULES_D = "/etc/audit/rules.d";
  final SnapshotBuilder b = SnapshotBuilder.host("h");

  Host() {
    b.cmd("uname -m", 0, "x86_64\n").cmd("container", 0, "none\n");
  }

  static String res(String path) {
    try (InputStream in = Host.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** rules.d holding the given files: name, resource path pairs. */
  Host rulesD(String... nameAndResource) {
    StringBuilder listing = new StringBuilder();
    for (int i = 0; i < nameAndResource.length; i += 2) {
      listing.append("f\t").append(nameAndResource[i]).append('\n');
      b.file(RULES_D + "/" + nameAndResource[i], res(nameAndResource[i + 1]));
    }
    b.dir(RULES_D, listing.toString());
    b.file("/etc/audit/audit.rules", "");
    return this;
  }

  Host rulesDDenied() {
    b.dirStatus(RULES_D, SnapshotItem.DENIED);
    b.fileStatus("/etc/audit/audit.rules", SnapshotItem.DENIED);
    return this;
  }

  Host loaded(String resource) {
    b.cmd("auditctl -l", 0, res(resource));
    return this;
  }

  Host status(String text) {
    b.cmd("auditctl -s", 0, text);
    return this;
  }

  Host notRoot() {
    b.cmd("auditctl -l", 4, "You must be root to run this program.\n");
    b.cmd("auditctl -s", 4, "You must be root to run this program.\n");
    return this;
  }

  Facts facts() {
    return new Facts(b.build());
  }

  /** Evaluates a check of the bundled catalog with the scan settings given. */
  static Verdict check(String id, Facts facts, String... settings) {
    try {
      MatcherRegistry registry = MatcherRegistry.builtIn();
      CheckDefinition c = CheckCatalog.bundled(registry).check(id).orElseThrow();
      Map<String, Object> merged = new LinkedHashMap<>(c.params());
      for (int i = 0; i < settings.length; i += 2) {
        merged.put(settings[i], settings[i + 1]);
      }
      return registry.find(c.matcher()).orElseThrow().evaluate(new CheckParams(merged), facts);
    } catch (CatalogException e) {
      throw new IllegalStateException(e);
    }
  }
}
