package io.auditgap.facts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.ProcessOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real journalctl --header output of Debian 12 (fixtures/journal/SOURCES.md). */
class JournalHeaderTest {
  private static final Path FX = Path.of("src/test/resources/fixtures/journal");

  @TempDir Path tmp;

  static String fx(String name) throws IOException {
    return Files.readString(FX.resolve(name));
  }

  @Test
  void persistentJournalWithArchivedAndUserFiles() throws IOException {
    JournalHeader h = JournalHeader.parse(fx("header-persistent-debian12.txt"));
    assertTrue(h.readable(), h.problem());
    assertEquals(10, h.files().size());
    // the same second as the first entry journalctl printed (1796555564.050337), to the microsecond
    assertEquals("1796555564.050337", fx("oldest-persistent-debian12.txt").strip());
    assertEquals(OptionalLong.of(1796555564L), h.oldestEpoch());
    assertEquals(
        1796555564050337L,
        h.files().stream()
            .filter(f -> f.entries() > 0)
            .mapToLong(f -> f.headMicros())
            .min()
            .orElse(0));
    // the file without entries (head 0) does not count as the oldest
    assertTrue(h.files().stream().anyMatch(f -> f.entries() == 0 && f.headMicros() == 0));
    // journalctl --disk-usage said 44.6M: the sum of the files is never below it, and at most
    // 0.1 MiB per file above
    assertEquals(
        "Archived and active journals take up 44.6M in the file system.",
        fx("disk-usage-persistent-debian12.txt").strip());
    long usage = h.diskUsage().getAsLong();
    assertTrue(usage >= (long) (44.6 * 1048576), Long.toString(usage));
    assertTrue(usage <= (long) ((44.7 + 0.1 * 10) * 1048576), Long.toString(usage));
  }

  @Test
  void volatileJournalUnderRun() throws IOException {
    JournalHeader h = JournalHeader.parse(fx("header-volatile-debian12.txt"));
    assertTrue(h.readable(), h.problem());
    assertEquals(1, h.files().size());
    assertTrue(h.files().get(0).path().startsWith("/run/log/journal/"));
    assertEquals(OptionalLong.of(1796555601L), h.oldestEpoch());
    assertEquals(OptionalLong.of(8L * 1048576 + 104857 - 1), h.diskUsage());
  }

  @Test
  void noJournalFilesIsAnEmptyJournal() throws IOException {
    JournalHeader h = JournalHeader.parse(fx("header-none-debian12.txt"));
    assertTrue(h.readable(), h.problem());
    assertEquals(OptionalLong.of(0), h.diskUsage());
    assertEquals(OptionalLong.empty(), h.oldestEpoch());
  }

  @Test
  void anotherLayoutOrAFailureIsUnknownNeverAGuess() throws IOException {
    String real = fx("header-persistent-debian12.txt");
    for (String broken :
        new String[] {
          real.replaceFirst("Disk usage: [^\n]*\n", ""),
          real.replaceFirst("Head realtime timestamp: [^\n]*\n", ""),
          real.replaceFirst("(Head realtime timestamp: [^(\n]*)\\([0-9a-f]+\\)", "$1"),
          real.replaceFirst("Entry objects: [^\n]*\n", ""),
          real.replaceFirst("Disk usage: 3.5M", "Disk usage: 3,5 MiB"),
          real.replace("exit=0", "exit=1"),
          real.replace("exit=0\n", ""),
          "Failed to open journal: Permission denied\nexit=0\n",
          ""
        }) {
      JournalHeader h = JournalHeader.parse(broken);
      assertFalse(h.readable(), broken);
      assertEquals(OptionalLong.empty(), h.diskUsage());
      assertEquals(OptionalLong.empty(), h.oldestEpoch());
    }
  }

  @Test
  void sizesAreTakenAtTheTopOfWhatTheyCanStandFor() {
    assertEquals(OptionalLong.of(1023), JournalHeader.atMost("1023B"));
    assertEquals(OptionalLong.of((long) (3.6 * 1048576) - 1), JournalHeader.atMost("3.5M"));
    assertEquals(OptionalLong.of(2L * 1073741824 - 1), JournalHeader.atMost("1G"));
    assertEquals(OptionalLong.empty(), JournalHeader.atMost("1.5B"));
  }

  /**
   * The collector's item keeps four lines of each file's block and journalctl's exit status; the
   * parser reads the kept lines as it reads the whole output. Run with this machine's awk and with
   * busybox's.
   */
  @ParameterizedTest
  @ValueSource(strings = {"awk", "busybox awk"})
  void theCollectorsItemKeepsWhatTheParserReads(String awk) throws Exception {
    String real = fx("header-persistent-debian12.txt");
    String out = runItem(awk, real);
    JournalHeader kept = JournalHeader.parse(out);
    assertEquals(JournalHeader.parse(real), kept);
    assertTrue(kept.readable(), kept.problem());
    assertEquals(10 * 4 + 1, out.split("\n").length, out);
    assertFalse(out.contains("Machine ID"), out);
    assertEquals(
        "No journal files were found.\nexit=0\n", runItem(awk, fx("header-none-debian12.txt")));
  }

  /** More files than the item describes: a line says so and the answer is not used. */
  @ParameterizedTest
  @ValueSource(strings = {"awk", "busybox awk"})
  void moreThan500FilesAreNotGuessedFrom(String awk) throws Exception {
    String block = fx("header-volatile-debian12.txt").replace("exit=0\n", "");
    String out = runItem(awk, (block + "\n").repeat(501) + "exit=0\n");
    assertEquals(500 * 4 + 2, out.split("\n").length);
    assertTrue(out.contains("#more than 500 journal files\n"), out);
    JournalHeader h = JournalHeader.parse(out);
    assertFalse(h.readable());
    assertTrue(h.problem().contains("more than 500 journal files"), h.problem());
  }

  /**
   * The item's shell with a journalctl that prints {@code output} (its exit line as its status).
   */
  private String runItem(String awk, String output) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    if (awk.startsWith("busybox")) {
      assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox not installed");
    }
    Path bin = Files.createDirectories(tmp.resolve(awk.replace(' ', '-')));
    Path text =
        Files.writeString(bin.resolve("output.txt"), output.replaceAll("exit=[0-9]+\n$", ""));
    String status = output.replaceAll("(?s).*exit=([0-9]+)\n$", "$1");
    script(
        bin.resolve("journalctl"),
        "cat '" + text + "'; exit " + (status.matches("[0-9]+") ? status : "0"));
    if (awk.startsWith("busybox")) {
      script(bin.resolve("awk"), "exec /bin/busybox awk \"$@\"");
    }
    String shell = ((CollectionItem.Command) RetentionFacts.JOURNAL_HEADER).shell();
    return ProcessOutput.of(
        ProcessOutput.asFunction("/bin/sh", shell),
        Map.of("PATH", bin + ":" + System.getenv("PATH")),
        10);
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
