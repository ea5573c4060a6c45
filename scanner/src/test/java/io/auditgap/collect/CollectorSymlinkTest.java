package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configuration directory on a hostile or careless host may hold links to files that are not
 * configuration (a private key, a shell history): the collector does not read a link that leaves
 * the system's configuration trees, and says where it pointed. Real collector, real shells.
 */
class CollectorSymlinkTest {
  private static final String NONCE = "0123456789abcdef";
  private static final CollectorLimits LIMITS =
      new CollectorLimits(4096, 64 * 1024, 50, Duration.ofSeconds(2));

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void linksLeavingTheConfigurationTreesAreNotRead(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path secret = Files.writeString(dir.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    Path conf = Files.createDirectory(dir.resolve("rsyslog.d"));
    Files.writeString(conf.resolve("10-plain.conf"), "*.* @@loghost\n");
    Files.createSymbolicLink(conf.resolve("20-key.conf"), secret);
    Files.createSymbolicLink(conf.resolve("30-etc.conf"), Path.of("/etc/passwd"));
    Path linkedDir = Files.createSymbolicLink(dir.resolve("linked.d"), conf);

    Bundle b =
        run(
            shell,
            List.of(
                new CollectionItem.Directory(conf.toString()),
                new CollectionItem.File(dir.resolve("direct.conf").toString()),
                new CollectionItem.Directory(linkedDir.toString())));
    assertTrue(b.complete(), b.problem());
    assertEquals(
        "*.* @@loghost\n", CollectorScriptTest.find(b, "file", conf + "/10-plain.conf").text());
    SnapshotItem key = CollectorScriptTest.find(b, "file", conf + "/20-key.conf");
    assertEquals(SnapshotItem.OUTSIDE_TREE, key.exitStatus());
    assertEquals(secret.toString(), key.text().strip());
    assertTrue(key.problem().contains("a symbolic link to " + secret), key.problem());
    assertTrue(
        CollectorScriptTest.find(b, "file", conf + "/30-etc.conf").text().startsWith("root:"));
    assertEquals(
        SnapshotItem.OUTSIDE_TREE,
        CollectorScriptTest.find(b, "dir", linkedDir.toString()).exitStatus());
    for (SnapshotItem i : b.items()) {
      assertFalse(i.text().contains("PRIVATE KEY"), i.name() + " shipped the key");
    }
  }

  /**
   * A link that is the same file as the regular file of its name in /usr/lib (as /etc/os-release is
   * on Debian, Ubuntu and RHEL) is read without resolving it; a link of that name to anything else
   * is still resolved and refused when it leaves the trees.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void aLinkToItsNamesakeInUsrLibIsReadAndAnImpostorIsNot(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path real = Path.of("/usr/lib/os-release");
    assumeTrue(Files.isRegularFile(real, java.nio.file.LinkOption.NOFOLLOW_LINKS), "no " + real);
    Path etc = Files.createDirectory(dir.resolve("etc"));
    Path link = Files.createSymbolicLink(etc.resolve("os-release"), real);
    Path other = Files.createDirectory(dir.resolve("other"));
    Path history = Files.writeString(dir.resolve("history"), "mysql -p secret\n");
    Path impostor = Files.createSymbolicLink(other.resolve("os-release"), history);
    Bundle b =
        run(
            shell,
            List.of(
                new CollectionItem.File(link.toString()),
                new CollectionItem.File(impostor.toString())));
    assertTrue(b.complete(), b.problem());
    assertEquals(
        Files.readString(real), CollectorScriptTest.find(b, "file", link.toString()).text());
    SnapshotItem refused = CollectorScriptTest.find(b, "file", impostor.toString());
    assertEquals(SnapshotItem.OUTSIDE_TREE, refused.exitStatus());
    assertEquals(history.toString(), refused.text().strip());
  }

  private static Bundle run(String shell, List<CollectionItem> items) throws Exception {
    List<String> cmd =
        shell.endsWith("busybox") ? List.of(shell, "sh", "-s") : List.of(shell, "-s");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(CollectorScript.render(items, NONCE, LIMITS).getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(out);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return BundleReader.read(out.toByteArray(), NONCE, LIMITS);
  }
}
