package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's side of a streamed item ({@code run} header, output, {@code ret} trailer): the host
 * cannot cap what it streams, so the reader applies the item and total caps, and a trailer it
 * cannot read breaks the bundle there, keeping every whole frame before it.
 */
class StreamedFramesTest {
  private static final String N = "abcdef0123456789";
  private static final CollectorLimits LIMITS =
      new CollectorLimits(8, 20, 50, Duration.ofSeconds(2));

  private static Bundle read(String bundle) {
    return BundleReader.read(bundle.getBytes(StandardCharsets.UTF_8), N, LIMITS);
  }

  private static String run(String name, String output, String status) {
    return "@@" + N + " run " + name + "\n" + output + "\n@@" + N + " ret " + status + "\n";
  }

  private static String begin() {
    return "@@" + N + " begin 1\n";
  }

  private static String end() {
    return "@@" + N + " end 0 0\n";
  }

  @Test
  void keepsTheExactOutputAndStatus() {
    Bundle b =
        read(
            begin()
                + run("empty", "", "0")
                + run("two lines", "a\n\nb", "3")
                + run("newline", "a\n", "127")
                + end());
    assertTrue(b.complete(), b.problem());
    assertEquals(
        List.of("empty", "two lines", "newline"),
        b.items().stream().map(SnapshotItem::name).toList());
    assertEquals("", b.items().get(0).text());
    assertEquals("a\n\nb", b.items().get(1).text());
    assertEquals(3, b.items().get(1).exitStatus());
    assertEquals("a\n", b.items().get(2).text());
    assertEquals(SnapshotItem.NOT_FOUND, b.items().get(2).exitStatus());
    assertEquals("cmd:newline", b.items().get(2).key());
  }

  @Test
  void appliesTheItemCapAndSkipsWhatPassesTheTotalCap() {
    Bundle b =
        read(
            begin()
                + run("long", "0123456789abcdef", "0")
                + run("fits", "0123456", "0")
                + run("last to fit", "xyz", "0")
                + "@@"
                + N
                + " cmd 0 3 0 framed\nabc\n"
                + run("small", "z", "0")
                + end());
    assertTrue(b.complete(), b.problem());
    SnapshotItem longOne = b.items().get(0);
    assertTrue(longOne.truncated());
    assertEquals("01234567", longOne.text());
    assertEquals(8, longOne.size());
    assertFalse(b.items().get(1).truncated());
    assertEquals("0123456", b.items().get(1).text());
    // 8 + 7 + 3 = 18 of the total cap of 20: the framed item's 3 would pass it, the last 1 not
    assertEquals("xyz", b.items().get(2).text());
    assertEquals(SnapshotItem.SKIPPED, b.items().get(3).exitStatus());
    assertEquals("", b.items().get(3).text());
    assertEquals("z", b.items().get(4).text());
    assertEquals(0, b.items().get(4).exitStatus());
  }

  @Test
  void aMissingOrForeignTrailerBreaksTheBundleThere() {
    Bundle cut = read(begin() + run("whole", "a", "0") + "@@" + N + " run cut\npartial");
    assertFalse(cut.complete());
    assertTrue(cut.problem().contains("cut short inside cut"), cut.problem());
    assertEquals(List.of("whole"), cut.items().stream().map(SnapshotItem::name).toList());

    Bundle foreign = read(begin() + "@@" + N + " run x\nout\n@@" + N + " ret zero\n" + end());
    assertFalse(foreign.complete());
    assertTrue(foreign.problem().contains("framing broken inside x"), foreign.problem());

    // output naming another nonce is output, not framing
    String other = "\n@@0000000000000000 ret 0\n@@0000000000000000 end 0 0";
    Bundle kept = read(begin() + run("y", other, "0") + end());
    assertTrue(kept.complete(), kept.problem());
    assertEquals(other.substring(0, 8), kept.items().get(0).text());
  }

  @Test
  void snippetsAreFunctionBodies() {
    for (String bad :
        List.of(
            "exit 3",
            "echo a; exit",
            "[ -x /x ] || exit 127",
            "if true; then exit 0; fi",
            "cd /var/log",
            "f() { exec cat; }; f",
            "trap '' TERM",
            "x=$(exit 1)")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> CollectionItem.Command.quick("t", bad), bad);
      assertTrue(e.getMessage().contains("use return"), e.getMessage());
    }
    for (String ok :
        List.of(
            "return 3",
            "echo \"sshd-exit=$?\"; return 0",
            "awk '{ if ($1 == \"x\") exit } END { print }' /etc/os-release",
            "echo 'cd /var/log; exit 0'",
            "echo exit",
            "exitcode=1; return $exitcode")) {
      CollectionItem.Command.quick("t", ok);
    }
  }
}
