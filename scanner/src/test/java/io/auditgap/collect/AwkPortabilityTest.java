package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.MatcherRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector runs mawk where a host has it and the host's {@code awk} elsewhere (gawk on RHEL,
 * busybox awk on Alpine): the whole catalog's collector, run on this machine once with each, must
 * frame every file and answer every awk item alike.
 */
class AwkPortabilityTest {
  private static final String NONCE = "0123456789abcdef0123";
  private static final String AWK_FUNCTION = "mawk \"$@\"";

  /**
   * The command items whose answer an awk program writes. The others are left out: they vary with
   * the clock, or with a journal or log being written between two runs.
   */
  private static final Set<String> AWK_ITEMS =
      Set.of("audit log first records", "packages", "sshd -T -C audited users");

  private static String script;
  private static Map<String, SnapshotItem> withMawk;

  @BeforeAll
  static void renderAndRunWithMawk() throws Exception {
    MatcherRegistry registry = MatcherRegistry.builtIn();
    script =
        CollectorScript.render(
            new CheckEvaluator(CheckCatalog.bundled(registry).checks(), registry).needs(),
            NONCE,
            CollectorLimits.DEFAULT);
    if (Files.isExecutable(Path.of("/usr/bin/mawk"))) {
      withMawk = run(script);
    }
  }

  @Test
  void everyShellOfTheCollectorMakesAwkMawk() {
    // the main shell, a snippet's own sh (ag_fsh) and the group's (ag_gsh)
    assertEquals(3, script.split(java.util.regex.Pattern.quote(AWK_FUNCTION), -1).length - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/usr/bin/gawk", "/bin/busybox awk", "/usr/bin/original-awk"})
  void otherAwksFrameAndAnswerAsMawkDoes(String awk) throws Exception {
    assumeTrue(withMawk != null, "mawk not installed");
    String binary = awk.split(" ")[0];
    assumeTrue(Files.isExecutable(Path.of(binary)), binary + " not installed");
    Map<String, SnapshotItem> other =
        run(
            script
                .replace("command -v mawk", "command -v " + binary)
                .replace(AWK_FUNCTION, awk + " \"$@\""));
    int compared = 0;
    for (Map.Entry<String, SnapshotItem> e : withMawk.entrySet()) {
      SnapshotItem m = e.getValue();
      if (!m.kind().equals("file") && !AWK_ITEMS.contains(m.name())) {
        continue;
      }
      SnapshotItem o = other.get(e.getKey());
      assertTrue(o != null, awk + " left out " + e.getKey());
      assertEquals(m.exitStatus(), o.exitStatus(), awk + ": status of " + e.getKey());
      assertEquals(m.text(), o.text(), awk + ": " + e.getKey());
      compared++;
    }
    for (String name : AWK_ITEMS) {
      assertTrue(withMawk.containsKey("cmd:" + name), "no item " + name);
    }
    assertTrue(compared > 40, "items compared: " + compared);
  }

  private static Map<String, SnapshotItem> run(String text) throws Exception {
    Bundle b =
        BundleReader.read(
            CollectorScriptTest.exec("/bin/dash", text), NONCE, CollectorLimits.DEFAULT);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    Map<String, SnapshotItem> byKey = new TreeMap<>();
    for (SnapshotItem i : b.items()) {
      byKey.put(i.key(), i);
    }
    return byKey;
  }
}
