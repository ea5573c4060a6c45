package io.auditgap.facts.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsers and the boot-configuration fact over real files (fixtures/kernel/SOURCES.md). */
class KernelFactsTest {
  static final String BLS_NAME =
      "8215ac7e45d34823b4dce2e258c3cc47-5.14.0-362.18.1.el9_3.x86_64.conf";

  static String fixture(String path) {
    try (InputStream in = KernelFactsTest.class.getResourceAsStream("/fixtures/kernel/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ShellVariables eval(String... fileAndText) {
    List<ShellVariables.Source> s = new java.util.ArrayList<>();
    for (int i = 0; i < fileAndText.length; i += 2) {
      s.add(new ShellVariables.Source(fileAndText[i], fileAndText[i + 1]));
    }
    return ShellVariables.evaluate(s);
  }

  @Test
  void debianGrubDefaultsEvaluate() {
    ShellVariables v = eval("/etc/default/grub", fixture("debian12/grub"));
    assertEquals("quiet", v.get("GRUB_CMDLINE_LINUX_DEFAULT").get().value());
    assertEquals("", v.get("GRUB_CMDLINE_LINUX").get().value());
    assertEquals(10, v.get("GRUB_CMDLINE_LINUX").get().at().line());
    // GRUB_DISTRIBUTOR=`lsb_release ...` is a command substitution: uncertain, not guessed
    assertTrue(v.uncertainty("GRUB_DISTRIBUTOR").isPresent());
    assertTrue(v.uncertainty("GRUB_CMDLINE_LINUX").isEmpty());
  }

  @Test
  void cloudImageGrubDOverridesTheDefault() {
    ShellVariables v =
        eval(
            "/etc/default/grub",
            fixture("debian12/grub"),
            "/etc/default/grub.d/50-cloudimg-settings.cfg",
            fixture("ubuntu-cloud/50-cloudimg-settings.cfg"));
    ShellAssignment a = v.get("GRUB_CMDLINE_LINUX_DEFAULT").get();
    assertEquals("console=tty1 console=ttyS0", a.value());
    assertEquals("/etc/default/grub.d/50-cloudimg-settings.cfg:11", a.at().location());
    assertEquals("/etc/default/grub:9", a.overrode().get().at().location());
  }

  @Test
  void quotesSelfReferencesContinuationsAndUnset() {
    ShellVariables v =
        eval(
            "/etc/default/grub",
            "GRUB_CMDLINE_LINUX=\"quiet\"\n",
            "/etc/default/grub.d/99-audit.cfg",
            "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX audit=1 \\\n audit_backlog_limit=8192\"\n"
                + "X='a $b' # comment\nexport Y=${GRUB_CMDLINE_LINUX}x; unset X\n");
    assertEquals(
        "quiet audit=1  audit_backlog_limit=8192", v.get("GRUB_CMDLINE_LINUX").get().value());
    assertTrue(v.get("X").isEmpty());
    assertTrue(v.get("Y").get().value().endsWith("8192x"));
  }

  @Test
  void bashAppendAndConditionalsAreUncertainNotGuessed() {
    ShellVariables v =
        eval(
            "/etc/default/grub",
            "GRUB_CMDLINE_LINUX=\"quiet\"\nGRUB_CMDLINE_LINUX+=\" audit=1\"\n"
                + "if [ -x /x ]; then GRUB_CMDLINE_LINUX_DEFAULT=audit=0; fi\n"
                + "GRUB_CMDLINE_LINUX=\"unterminated\n");
    assertTrue(v.uncertainty("GRUB_CMDLINE_LINUX").isPresent());
    assertTrue(v.uncertainty("GRUB_CMDLINE_LINUX_DEFAULT").isPresent());
    assertEquals(3, v.problems().size());
    assertEquals(2, v.problems().get(0).at().line());
  }

  @Test
  void hostileInputNeverThrows() {
    for (String t : List.of("$", "${", "$(", "`", "\"\\", "A=$(", "A=${x:-y}", "=\n=", "\\")) {
      ShellVariables.evaluate(List.of(new ShellVariables.Source("f", t)));
      KernelCmdline.parse(t);
      BlsEntry.parse("f", t, Map.of());
    }
  }

  @Test
  void kernelCmdlineLastOccurrenceWinsAndDashesEqualUnderscores() {
    KernelCmdline c =
        KernelCmdline.parse(
            "BOOT_IMAGE=/vmlinuz root=UUID=1 ro audit=0 quiet audit-backlog-limit=64 audit=1"
                + " x=\"a b\" -- audit=0\n");
    assertEquals("1", c.last("audit").get().value());
    assertEquals(2, c.all("audit").size());
    assertEquals("64", c.last("audit_backlog_limit").get().value());
    assertEquals("a b", c.last("x").get().value());
  }

  @Test
  void blsEntryResolvesGrubenvAndReportsUnresolved() {
    String text = fixture("rhel9/" + BLS_NAME);
    BlsEntry unread = BlsEntry.parse("/boot/loader/entries/" + BLS_NAME, text, null);
    assertEquals(List.of("tuned_params"), unread.unresolved());
    assertEquals(5, unread.optionsLine());
    assertTrue(unread.cmdline().last("audit").isEmpty());
    BlsEntry read =
        BlsEntry.parse(
            "/boot/loader/entries/" + BLS_NAME,
            text,
            GrubEnv.parse("# GRUB Environment Block\ntuned_params=audit=1\n#####\n"));
    assertTrue(read.unresolved().isEmpty());
    assertEquals("1", read.cmdline().last("audit").get().value());
  }

  @Test
  void rhelHostIsJudgedOnItsBlsEntriesNotOnDefaultGrub() {
    Observed<PersistentBoot> p =
        KernelFacts.persistent(
            SnapshotBuilder.host("rhel")
                .dir("/boot/loader/entries", "f\t" + BLS_NAME + "\n")
                .file("/boot/loader/entries/" + BLS_NAME, fixture("rhel9/" + BLS_NAME))
                .fileStatus("/boot/grub2/grubenv", SnapshotItem.DENIED)
                .fileStatus("/etc/kernel/cmdline", SnapshotItem.ABSENT)
                .file(
                    "/etc/default/grub",
                    fixture("rhel9/grub").replace("quiet\"", "quiet audit=1\""))
                .dirStatus("/etc/default/grub.d", SnapshotItem.ABSENT)
                .build());
    PersistentBoot b = p.value();
    assertEquals(PersistentBoot.BLS, b.loader());
    assertEquals(1, b.decisive().size());
    assertTrue(b.decisive().get(0).effective().last("audit").isEmpty());
    BootCmdline grub = b.entries().get(b.entries().size() - 1);
    assertFalse(grub.decisive());
    assertEquals("1", grub.effective().last("audit").get().value());
    assertTrue(b.notes().stream().anyMatch(n -> n.contains("/etc/kernel/cmdline absent")));
  }

  @Test
  void unreadableEntriesDirectoryIsUnseen() {
    Observed<PersistentBoot> p =
        KernelFacts.persistent(
            SnapshotBuilder.host("h")
                .dirStatus("/boot/loader/entries", SnapshotItem.DENIED)
                .build());
    assertFalse(p.isSeen());
  }
}
