package io.auditgap.facts.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "packages" item reads this machine's real dpkg database (/var/lib/dpkg/status, hundreds of
 * stanzas) as dpkg-query itself answers for the same packages.
 */
class PackagesItemTest {
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void answersAsDpkgQueryDoes(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue(Files.isReadable(Path.of("/var/lib/dpkg/status")), "no dpkg database");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query");
    String item = ((CollectionItem.Command) SystemFacts.PACKAGE_QUERY).shell();
    String out = ProcessOutput.ofShell(shell, item, Map.of(), 30);
    assertTrue(out.endsWith("#dpkg\n"), out);
    List<String> cmd =
        List.of(
            "sh",
            "-c",
            "dpkg-query -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' "
                + SystemFacts.PACKAGES
                + " 2>/dev/null; true");
    String truth = ProcessOutput.of(cmd, Map.of(), 30);
    assertEquals(
        new TreeSet<>(truth.lines().toList()),
        new TreeSet<>(out.replace("#dpkg\n", "").lines().toList()),
        out);
  }
}
