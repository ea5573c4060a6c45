package io.auditgap.facts.sudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SudoersTest {
  static final String DEBIAN = PamFixtures.read("sudo/debian12/sudoers");
  static final String RHEL = PamFixtures.read("sudo/rhel9/sudoers");

  static SnapshotBuilder host(String sudoers, Map<String, String> dropIns) {
    SnapshotBuilder b = SnapshotBuilder.host("h").file(SudoersResolver.MAIN, sudoers);
    return PamFixtures.dir(b, SudoersResolver.DROP_IN_DIR, dropIns);
  }

  static SudoersPolicy policy(SnapshotBuilder b) {
    return SudoersResolver.resolve(b.build()).value().orElseThrow();
  }

  @Test
  void debianShipsGlobalUsePtyAndCommentedScopedDefaults() {
    SudoersPolicy p =
        policy(host(DEBIAN, Map.of("README", PamFixtures.read("sudo/debian12/README"))));
    SudoersPolicy.EffectiveDefault g = p.global("use_pty").orElseThrow();
    assertTrue(g.on());
    assertEquals(15, g.entry().at().line());
    assertTrue(p.scoped("env_keep").isEmpty(), "#Defaults:%sudo lines are comments");
    assertEquals(List.of("/etc/sudoers", "/etc/sudoers.d/README"), p.files());
  }

  @Test
  void rhelLegacyIncludedirIsADirectiveNotAComment() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("50-cis", "Defaults use_pty\nDefaults logfile=\"/var/log/sudo.log\"\n");
    SudoersPolicy p = policy(host(RHEL, d));
    assertTrue(p.global("use_pty").orElseThrow().on());
    assertEquals("/var/log/sudo.log", p.global("logfile").orElseThrow().entry().value());
    assertEquals("/etc/sudoers.d/50-cis", p.global("logfile").orElseThrow().entry().at().file());
  }

  @Test
  void dotFilesAndBackupsAreSkippedAndTheLastGlobalSettingWins() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("black.conf", "Defaults use_pty\n");
    d.put("10-pty~", "Defaults use_pty\n");
    d.put("20-nopty", "Defaults !use_pty\n");
    SudoersPolicy p = policy(host(DEBIAN, d));
    assertEquals(List.of("/etc/sudoers.d/black.conf", "/etc/sudoers.d/10-pty~"), p.skipped());
    SudoersPolicy.EffectiveDefault g = p.global("use_pty").orElseThrow();
    assertFalse(g.on());
    assertEquals("/etc/sudoers.d/20-nopty", g.entry().at().file());
    assertEquals("/etc/sudoers", g.overridden().at().file());
  }

  @Test
  void scopedFormsListsQuotesAndUidUsers() {
    SudoersParser.Parsed p =
        SudoersParser.parse(
            "/x",
            "Defaults:%wheel,#1000 !use_pty, log_output\n"
                + "Defaults>root log_input\nDefaults@web1 logfile=/tmp/l\n"
                + "Defaults!/usr/bin/sudoreplay !log_output\n"
                + "Defaults env_keep += \"A, B\" # comment\n"
                + "alice ALL = (root) LOG_OUTPUT: /bin/bash, NOLOG_OUTPUT: /usr/bin/less\n");
    List<DefaultsEntry> all = new java.util.ArrayList<>();
    for (SudoersParser.Line l : p.lines()) {
      if (l instanceof SudoersParser.Settings s) {
        all.addAll(s.entries());
      }
    }
    assertEquals(DefaultsEntry.Scope.USER, all.get(0).scope());
    assertEquals("%wheel,#1000", all.get(0).scopeList());
    assertTrue(all.get(0).negated());
    assertEquals("log_output", all.get(1).name());
    assertEquals(DefaultsEntry.Scope.RUNAS, all.get(2).scope());
    assertEquals(DefaultsEntry.Scope.HOST, all.get(3).scope());
    assertEquals(DefaultsEntry.Scope.COMMAND, all.get(4).scope());
    assertEquals("/usr/bin/sudoreplay", all.get(4).scopeList());
    assertEquals("A, B", all.get(5).value());
    assertEquals("+=", all.get(5).operator());
    SudoersParser.Tags t = (SudoersParser.Tags) p.lines().get(p.lines().size() - 1);
    assertEquals(
        List.of("LOG_OUTPUT:", "NOLOG_OUTPUT:"), t.tags().stream().map(CommandTag::tag).toList());
  }

  @Test
  void unreadableOrUncollectedIncludesAreUnseen() {
    Observed<Optional<SudoersPolicy>> denied =
        SudoersResolver.resolve(
            SnapshotBuilder.host("r")
                .fileStatus(SudoersResolver.MAIN, SnapshotItem.DENIED)
                .build());
    assertFalse(denied.isSeen());
    Observed<Optional<SudoersPolicy>> elsewhere =
        SudoersResolver.resolve(
            SnapshotBuilder.host("x")
                .file(SudoersResolver.MAIN, "@include /opt/sudoers.local\n")
                .build());
    assertFalse(elsewhere.isSeen());
    SnapshotBuilder b = host(DEBIAN, Map.of("ops", "x"));
    b.fileStatus("/etc/sudoers.d/ops", SnapshotItem.DENIED);
    assertFalse(SudoersResolver.resolve(b.build()).isSeen());
  }

  @Test
  void versionParsing() {
    SudoVersion v =
        SudoVersion.parse("Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\n")
            .orElseThrow();
    assertFalse(v.atLeast(1, 9, 14));
    assertTrue(SudoVersion.parse("Sudo version 1.9.15p5").orElseThrow().atLeast(1, 9, 14));
    assertTrue(SudoVersion.parse("sudo: not found").isEmpty());
  }
}
