package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The printed collector run by another runner: its bundle is accepted whole and unchanged only. */
class SealedBundleTest {
  private static final String NONCE = "0123456789abcdef0123";

  @TempDir Path dir;

  @Test
  void checksumIsPosixCksum() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/cksum")), "cksum not installed");
    for (String s : List.of("", "a", "abc\n", "x".repeat(70_000))) {
      byte[] data = s.getBytes(StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("/usr/bin/cksum").start();
      try (var in = p.getOutputStream()) {
        in.write(data);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      assertEquals(out.strip(), PosixCksum.of(data, 0, data.length) + " " + data.length);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void acceptsAWholeBundleAndRefusesCutOrEditedOnes(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Files.writeString(dir.resolve("auditd.conf"), "log_file = /var/log/audit/audit.log\n");
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File(dir + "/auditd.conf"),
            CollectionItem.Command.quick("uname -m", "uname -m"));
    String script =
        CollectorScript.renderStandalone(
            items, NONCE, CollectorLimits.DEFAULT, List.of("test collector"));
    assertTrue(script.startsWith("#!/bin/sh\n# test collector\n"), script);
    assertTrue(script.contains("#   file " + dir + "/auditd.conf\n"), "manifest lists the file");
    Path file = dir.resolve("collect.sh");
    Files.writeString(file, script);
    List<String> cmd =
        shell.endsWith("busybox")
            ? List.of(shell, "sh", file.toString())
            : List.of(shell, file.toString());
    // A runner's stdin may stay open: the sealed script must not wait for it.
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(out);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    byte[] bundle = out.toByteArray();

    HostSnapshot snap =
        SealedBundle.read(bundle, "web-1", Instant.EPOCH, CollectorLimits.DEFAULT, items);
    assertTrue(snap.complete());
    assertEquals("web-1", snap.host());
    assertEquals(
        "log_file = /var/log/audit/audit.log\n", snap.file(dir + "/auditd.conf").get().text());
    // Runners such as Ansible drop the final newline: still whole.
    SealedBundle.read(
        Arrays.copyOf(bundle, bundle.length - 1),
        "web-1",
        Instant.EPOCH,
        CollectorLimits.DEFAULT,
        items);

    assertRefused(Arrays.copyOf(bundle, bundle.length - 40), "cut short");
    assertRefused(Arrays.copyOf(bundle, bundle.length / 2), "cut short");
    byte[] edited = bundle.clone();
    int at = new String(bundle, StandardCharsets.ISO_8859_1).indexOf("log_file = ");
    edited[at] = 'L';
    assertRefused(edited, "changed after collection");
    byte[] otherVersion =
        new String(bundle, StandardCharsets.ISO_8859_1)
            .replace("collector=" + CollectorScript.VERSION, "collector=000000000000")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(otherVersion, "print the script again");
    assertRefused("hello\n".getBytes(StandardCharsets.UTF_8), "not a collector bundle");
  }

  @Test
  void refusesAnOutputMadeByAnotherDefinitionOfACommandItReads() throws Exception {
    CollectionItem.Command made = CollectionItem.Command.quick("uname -m", "echo x86_64");
    byte[] bundle = runSealed(List.of(made));
    assertEquals(
        "x86_64\n",
        SealedBundle.read(bundle, "h", Instant.EPOCH, CollectorLimits.DEFAULT, List.of(made))
            .command("uname -m")
            .get()
            .text());
    // This auditgap's "uname -m" is another snippet (a changed format, another source, ...).
    CollectionItem.Command ours = CollectionItem.Command.quick("uname -m", "uname -m");
    SealedBundle.RefusedException e =
        assertThrows(
            SealedBundle.RefusedException.class,
            () ->
                SealedBundle.read(
                    bundle, "h", Instant.EPOCH, CollectorLimits.DEFAULT, List.of(ours)));
    assertTrue(e.getMessage().contains("'uname -m' was made by another version"), e.getMessage());
    // The same snippet run another way (without the timeout) is another definition too.
    CollectionItem.Command guarded = new CollectionItem.Command("uname -m", "echo x86_64");
    assertRefusedWith(bundle, List.of(guarded), "print the script again");
    // A command this auditgap does not read is not its concern.
    SealedBundle.read(
        bundle,
        "h",
        Instant.EPOCH,
        CollectorLimits.DEFAULT,
        List.of(CollectionItem.Command.quick("hostname", "hostname")));
  }

  /**
   * A bundle printed for one profile, read for another: an item of that other profile that the
   * shared systemctl run answered (its units and properties were asked) is cut from it, and the
   * bundle is not refused for a command that never ran on the host.
   */
  @Test
  void itemsCutFromTheSharedSystemctlRunNeedNoDigestOfTheirOwn() throws Exception {
    CollectionItem.Command auditd =
        CollectionItem.Command.bounded(
            "systemctl show auditd", "systemctl show -p Id,ActiveState auditd.service");
    CollectionItem.Command rsyslog =
        CollectionItem.Command.bounded(
            "systemctl show rsyslog", "systemctl show -p Id rsyslog.service");
    CollectionItem.Command other =
        CollectionItem.Command.bounded(
            "systemctl show auditd id", "systemctl show -p Id auditd.service");
    byte[] bundle = runSealed(List.of(auditd, rsyslog));
    HostSnapshot s =
        SealedBundle.read(
            bundle, "h", Instant.EPOCH, CollectorLimits.DEFAULT, List.of(auditd, rsyslog, other));
    SnapshotItem mine = s.command("systemctl show auditd").orElseThrow();
    SnapshotItem theirs = s.command("systemctl show auditd id").orElseThrow();
    assertEquals(mine.exitStatus(), theirs.exitStatus());
    assertTrue(s.command(SystemctlShows.SHARED).isEmpty());
  }

  /**
   * The printed script's nonce is the same in every copy: a run takes a fresh one from the kernel,
   * so output from a host that kept the script cannot forge a streamed item's end.
   */
  @Test
  void eachRunOfThePrintedScriptFramesWithItsOwnNonce() throws Exception {
    List<CollectionItem> items = List.of(CollectionItem.Command.quick("uname -m", "uname -m"));
    byte[] one = runSealed(items);
    byte[] two = runSealed(items);
    String first = new String(one, StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
    String second = new String(two, StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
    assertTrue(first.matches("@@[0-9a-f]{32} begin .*"), first);
    assertTrue(!first.contains(NONCE) && !second.contains(NONCE), first + " / " + second);
    assertTrue(!first.substring(0, 34).equals(second.substring(0, 34)), first + " / " + second);
    for (byte[] b : List.of(one, two)) {
      assertTrue(
          SealedBundle.read(b, "h", Instant.EPOCH, CollectorLimits.DEFAULT, items)
              .command("uname -m")
              .isPresent());
    }
  }

  private byte[] runSealed(List<CollectionItem> items) throws Exception {
    Path file = dir.resolve("sealed.sh");
    Files.writeString(
        file,
        CollectorScript.renderStandalone(items, NONCE, CollectorLimits.DEFAULT, List.of("t")));
    Process p =
        new ProcessBuilder("sh", file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out;
  }

  private static void assertRefusedWith(byte[] data, List<CollectionItem> known, String why) {
    SealedBundle.RefusedException e =
        assertThrows(
            SealedBundle.RefusedException.class,
            () -> SealedBundle.read(data, "h", Instant.EPOCH, CollectorLimits.DEFAULT, known));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  private static void assertRefused(byte[] data, String why) {
    assertRefusedWith(data, List.of(), why);
  }
}
