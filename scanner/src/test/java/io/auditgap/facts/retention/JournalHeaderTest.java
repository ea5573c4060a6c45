package io.auditgap.facts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.JournalHeaderLines;
import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "journal header" item on real journal files, written by systemd's own journal writer
 * (Debian's systemd-journal-remote, from journal export format), read by the item's shell under
 * each shell the collector supports, against what {@code journalctl --header --file} says of the
 * same files.
 */
class JournalHeaderTest {
  private static final Path REMOTE = Path.of("/lib/systemd/systemd-journal-remote");
  private static final String MACHINE = "375b7b9df5d144e9b4a0f50f02619763";
  private static final Pattern HEAD =
      Pattern.compile("(?m)^Head realtime timestamp:.*\\(([0-9a-f]+)\\)\\s*$");
  private static final Pattern ENTRIES = Pattern.compile("(?m)^Entry objects: ([0-9]+)\\s*$");

  @TempDir Path tmp;

  /** A journal file of {@code count} entries a second apart from {@code firstMicros}. */
  private Path journal(Path file, long firstMicros, int count) throws Exception {
    StringBuilder export = new StringBuilder();
    for (int i = 0; i < count; i++) {
      export
          .append("__REALTIME_TIMESTAMP=")
          .append(firstMicros + i * 1_000_000L)
          .append("\n__MONOTONIC_TIMESTAMP=")
          .append(1_000_000L + i * 1_000_000L)
          .append("\n_BOOT_ID=0123456789abcdef0123456789abcdef\n_COMM=sshd\nMESSAGE=entry ")
          .append(i)
          .append("\n\n");
    }
    Path in = Files.writeString(tmp.resolve("in-" + file.getFileName() + ".export"), export);
    Files.createDirectories(file.getParent());
    ProcessOutput.of(List.of(REMOTE.toString(), "--output=" + file, in.toString()), Map.of(), 30);
    return file;
  }

  /** The item's shell with the journal directories and machine-id under {@code root}. */
  private static String item(Path root) {
    return ((CollectionItem.Command) RetentionFacts.JOURNAL_HEADER)
        .shell()
        .replace("/etc/machine-id", root + "/etc/machine-id")
        .replace("/var/log/journal", root + "/var/log/journal")
        .replace("/run/log/journal", root + "/run/log/journal");
  }

  /** What journalctl itself says of one file: [head realtime micros, entry count]. */
  private static long[] journalctl(Path file) throws Exception {
    String out =
        ProcessOutput.of(
            List.of("journalctl", "--header", "--no-pager", "--file", file.toString()),
            Map.of(),
            30);
    Matcher h = HEAD.matcher(out);
    Matcher e = ENTRIES.matcher(out);
    assertTrue(h.find() && e.find(), out);
    return new long[] {Long.parseLong(h.group(1), 16), Long.parseLong(e.group(1))};
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void readsTheFilesJournalctlReadsAsJournalctlReadsThem(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue(Files.isExecutable(REMOTE), "systemd-journal-remote not installed");
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/machine-id"), MACHINE + "\n");
    Path dir = root.resolve("var/log/journal/" + MACHINE);
    List<Path> read = new ArrayList<>();
    read.add(journal(dir.resolve("system.journal"), 1_796_555_601_255_205L, 5));
    read.add(
        journal(
            dir.resolve(
                "system@0c8b5b3f1e0a4b7e9b2f3c4d5e6f7a8b-0000000000000001-00064b0e2a1c0f00.journal"),
            1_796_000_000_000_001L,
            3));
    // journald marks a file it found corrupt with a final ~ (journal-remote names only .journal)
    Path corrupt = dir.resolve("user-1000@8f.journal~");
    Files.move(journal(dir.resolve("user-1000@8f.journal"), 1_795_000_000_500_000L, 2), corrupt);
    read.add(corrupt);
    read.add(
        journal(
            root.resolve("run/log/journal/" + MACHINE + "/system.journal"),
            1_796_600_000_000_000L,
            1));
    // another machine's journal (journal-remote's, a container's) and other files are not read
    journal(root.resolve("var/log/journal/0123456789abcdef0123456789abcdef/system.journal"), 1, 1);
    Files.writeString(dir.resolve("notes.txt"), "not a journal\n");

    String out = ProcessOutput.ofShell(shell, item(root), 30);
    JournalHeader h = JournalHeader.parse(out);
    assertTrue(h.readable(), h.problem() + "\n" + out);
    assertEquals(
        read.stream().map(Path::toString).sorted().toList(),
        h.files().stream().map(JournalHeader.JournalFile::path).sorted().toList());
    long usage = 0;
    for (JournalHeader.JournalFile f : h.files()) {
      long[] truth = journalctl(Path.of(f.path()));
      assertEquals(truth[0], f.headMicros(), f.path());
      assertEquals(truth[1], f.entries(), f.path());
      // du's disk usage is journalctl's (allocated blocks of 512 bytes)
      long du =
          Long.parseLong(
              ProcessOutput.of(List.of("du", "-B1", f.path()), Map.of(), 10).split("\\s")[0]);
      assertEquals(du, f.diskBytes(), f.path());
      usage += du;
    }
    assertEquals(OptionalLong.of(usage), h.diskUsage());
    assertEquals(OptionalLong.of(1_795_000_000L), h.oldestEpoch());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void noFilesAndManyFilesAreSaidNotGuessed(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path none = tmp.resolve("none");
    Files.createDirectories(none.resolve("var/log/journal/" + MACHINE));
    String empty = ProcessOutput.ofShell(shell, item(none), 30);
    assertEquals("#no journal files\n", empty);
    JournalHeader h = JournalHeader.parse(empty);
    assertTrue(h.readable(), h.problem());
    assertEquals(OptionalLong.of(0), h.diskUsage());
    assertEquals(OptionalLong.empty(), h.oldestEpoch());

    Path many = tmp.resolve("many");
    Files.createDirectories(many.resolve("etc"));
    Files.writeString(many.resolve("etc/machine-id"), MACHINE + "\n");
    Path dir = Files.createDirectories(many.resolve("run/log/journal/" + MACHINE));
    for (int i = 0; i < 501; i++) {
      Files.writeString(dir.resolve("system@" + i + ".journal"), "");
    }
    String out = ProcessOutput.ofShell(shell, item(many), 30);
    assertEquals("#more than 500 journal files (501)\n", out);
    assertFalse(JournalHeader.parse(out).readable());
  }

  private static String header(long entries, long headMicros, boolean bigEndian) {
    return JournalHeaderLines.header(entries, headMicros, bigEndian);
  }

  @Test
  void readsEitherByteOrderAndSkipsFilesWithoutEntries() {
    String out =
        "16424 512 /var/log/journal/m/system.journal\n8 4096 /var/log/journal/m/user-1000.journal\n"
            + "#stat=0\n"
            + header(120, 1_796_555_564_050_337L, true)
            + header(0, 0, true)
            + "#od=0\n";
    JournalHeader h = JournalHeader.parse(out);
    assertTrue(h.readable(), h.problem());
    assertEquals(120, h.files().get(0).entries());
    assertEquals(1_796_555_564_050_337L, h.files().get(0).headMicros());
    assertEquals(OptionalLong.of(16424L * 512 + 8 * 4096), h.diskUsage());
    assertEquals(OptionalLong.of(1_796_555_564L), h.oldestEpoch());
  }

  @Test
  void anythingElseIsUnknownNeverAGuess() {
    String stat = "16424 512 /var/log/journal/m/system.journal\n#stat=0\n";
    String good = stat + header(5, 1_796_555_564_050_337L, false) + "#od=0\n";
    assertTrue(JournalHeader.parse(good).readable());
    for (String broken :
        List.of(
            good.replace("#od=0\n", ""),
            good.replace("#stat=0", "#stat=1"),
            good.replace("#od=0", "#od=1"),
            stat + "#od=0\n",
            stat + header(5, 1, false) + header(5, 1, false) + "#od=0\n",
            good.replace("48524848534b504c", "48524848534b504d"),
            good.replace("#stat=0\n", "stat: cannot statx 'x': Permission denied\n#stat=0\n"),
            "#denied /var/log/journal/m/system.journal\n" + good,
            "#odd name\n" + good,
            stat + " 4852 0000\n#od=0\n",
            "")) {
      JournalHeader h = JournalHeader.parse(broken);
      assertFalse(h.readable(), broken);
      assertEquals(OptionalLong.empty(), h.diskUsage());
      assertEquals(OptionalLong.empty(), h.oldestEpoch());
    }
    assertTrue(
        JournalHeader.parse("#denied /var/log/journal/m/system.journal\n")
            .problem()
            .contains("collect as root"));
  }

  @Test
  void theItemNeverStartsJournalctl() {
    String shell = ((CollectionItem.Command) RetentionFacts.JOURNAL_HEADER).shell();
    assertFalse(shell.contains("journalctl"), shell);
    assertTrue(shell.contains("od -An -v -tx8 -w192"), shell);
  }
}
