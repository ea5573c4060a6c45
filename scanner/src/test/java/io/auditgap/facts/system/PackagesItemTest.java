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
import org.junit.jupiter.api.io.TempDir;
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

  /**
   * A database dpkg has not merged yet: an update journal entry (updates/0001) wins over the status
   * file's stanza, as in dpkg; a package only named in another's relationship fields is known as
   * {@code un}; a stanza that merely mentions sudo in its description is not sudo's. The truth is
   * dpkg-query on the same database (--admindir).
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void readsPendingUpdatesAsDpkgDoes(String shell, @TempDir Path admin) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query");
    String auditd =
        "Package: auditd\nStatus: install ok installed\nPriority: optional\nSection: admin\n"
            + "Architecture: amd64\nVersion: 1:3.0.9-1\nDepends: libauparse0 (>= 1:3.0.9)\n"
            + "Description: User space tools for security auditing\n";
    Files.writeString(
        admin.resolve("status"),
        auditd
            + "\nPackage: sudo\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Version: 1.9.13p3-1+deb12u1\nConflicts: sudo-ldap\nReplaces: sudo-ldap\n"
            + "Description: Provide limited super user privileges\n"
            + "\nPackage: doas\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Version: 6.3p9-1\nDescription: a minimal replacement for sudo\n");
    Files.createDirectories(admin.resolve("updates"));
    Files.writeString(
        admin.resolve("updates/0001"),
        auditd
            .replace("1:3.0.9-1", "1:3.0.9-1+b1")
            .replace("install ok installed", "install ok unpacked"));
    Files.createDirectories(admin.resolve("info"));
    String item =
        ((CollectionItem.Command) SystemFacts.PACKAGE_QUERY)
            .shell()
            .replace("/var/lib/dpkg", admin.toString());
    String out = ProcessOutput.ofShell(shell, item, Map.of(), 30);
    String truth =
        ProcessOutput.of(
            List.of(
                "sh",
                "-c",
                "dpkg-query --admindir="
                    + admin
                    + " -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' "
                    + SystemFacts.PACKAGES
                    + " 2>/dev/null; true"),
            Map.of(),
            30);
    assertEquals(
        new TreeSet<>(truth.lines().toList()),
        new TreeSet<>(out.replace("#dpkg\n", "").lines().toList()),
        out);
    assertTrue(out.contains("auditd\t1:3.0.9-1+b1\tiU \n"), out);
  }
}
