package io.auditgap.facts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetAndAugenrulesTest {

  @Test
  void archAfterSyscallStopsTheLoadLikeAuditctl() {
    // the kernel listing for this file is "No rules": auditctl -R stopped at line 2
    RuleSet r = Fixtures.rulesFile("cases/execve-arch-after-syscall.rules");
    assertEquals(2, r.abortedAt().orElseThrow().source().line());
    assertEquals("arch must be before -S", r.abortedAt().orElseThrow().message());
    assertEquals(1, r.skipped().size());
    assertEquals(Fixtures.listing("execve-arch-after-syscall").rules(), r.rules());
    assertTrue(r.rules().isEmpty());
  }

  @Test
  void continueOnErrorKeepsLoadingAfterABadLine() {
    String text = "-c\n" + Fixtures.text("cases/execve-arch-after-syscall.rules");
    RuleSet r = RuleSet.load(Fixtures.PARSER.parse("x.rules", text));
    assertTrue(r.abortedAt().isEmpty());
    assertEquals(1, r.rules().size());
    assertEquals(1, r.errors().size());
  }

  @Test
  void duplicateRuleIsRuleExistsAndTaskRulesListFirst() {
    RuleSet dup =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "d.rules",
                "-a always,exit -F arch=b64 -S execve -k dup\n-a always,exit -F arch=b64 -S execve -F key=dup\n"));
    assertEquals("Rule exists", dup.abortedAt().orElseThrow().message());
    // the kernel lists the task list before the exit list, whatever the file order
    String text =
        Fixtures.text("cases/execve-both.rules") + Fixtures.text("upstream/10-no-audit.rules");
    RuleSet both = RuleSet.load(Fixtures.PARSER.parse("x.rules", text));
    assertEquals(AuditList.TASK, both.rules().get(0).list());
  }

  @Test
  void prependedRuleGoesToTheTopOfItsList() {
    RuleSet r =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "a.rules",
                "-a always,exit -F arch=b64 -S execve\n-A never,exit -F arch=b64 -S execve\n"));
    assertEquals(AuditAction.NEVER, r.rules().get(0).action());
  }

  @Test
  void deleteAllInTheMiddleOfAFileEmptiesTheKernelList() {
    RuleSet r =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "a.rules", "-a always,exit -F arch=b64 -S execve\n-D\n-w /etc/shadow -p wa\n"));
    assertEquals(1, r.rules().size());
  }

  @Test
  void aRuleDeletedByItsKeyOrByDashDCanBeAddedAgain() {
    String rule = "-a always,exit -F arch=b64 -S execve -k exec\n";
    RuleSet byKey =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "k.rules", rule + "-w /etc/shadow -p wa -k other\n-D -k exec\n" + rule));
    assertTrue(byKey.abortedAt().isEmpty(), () -> byKey.errors().toString());
    assertEquals(2, byKey.rules().size());
    RuleSet all = RuleSet.load(Fixtures.PARSER.parse("d.rules", rule + "-D\n" + rule + rule));
    assertEquals("Rule exists", all.abortedAt().orElseThrow().message());
    assertEquals(4, all.abortedAt().orElseThrow().source().line());
  }

  @Test
  void mergeEqualsTheRealAugenrulesOutput() {
    String dir = "augenrules/stig/rules.d";
    List<String> names =
        List.of(
            "99-finalize.rules",
            "30-stig.rules",
            "10-base-config.rules",
            "11-loginuid.rules",
            "50-exec.rules.disabled");
    List<Augenrules.Entry> entries = new ArrayList<>();
    Map<String, String> contents = new LinkedHashMap<>();
    for (String n : names) {
      entries.add(new Augenrules.Entry("f", n));
      contents.put(n, Fixtures.text(dir + "/" + n));
    }
    Augenrules.Merge m = Augenrules.merge("/etc/audit/rules.d", entries, contents);
    List<String> expected =
        Fixtures.text("augenrules/stig/augenrules-output.rules")
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    assertEquals(expected, m.lines().stream().map(SourceLine::text).toList());
    assertEquals(List.of("50-exec.rules.disabled"), m.ignored());
    assertEquals("/etc/audit/rules.d/10-base-config.rules", m.lines().get(0).file());
    assertEquals(2, m.lines().get(0).line());
  }

  @Test
  void lastEnabledWinsAndGoesLast() {
    List<Augenrules.Entry> entries =
        List.of(new Augenrules.Entry("f", "10-a.rules"), new Augenrules.Entry("f", "50-b.rules"));
    Map<String, String> contents =
        Map.of("10-a.rules", "-e 2\n-w /etc/shadow -p wa\n", "50-b.rules", "-e 1\n");
    Augenrules.Merge m = Augenrules.merge("/etc/audit/rules.d", entries, contents);
    RuleSet r = RuleSet.load(Augenrules.statements(m, Fixtures.PARSER));
    assertEquals("1", r.lastEnabled().orElseThrow().argument());
    assertEquals("-e 1", m.lines().get(m.lines().size() - 1).text());
  }

  @Test
  void naturalOrderIsLsV() {
    List<String> n =
        new ArrayList<>(List.of("10-b.rules", "9-a.rules", "100-c.rules", "10-a.rules"));
    n.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("9-a.rules", "10-a.rules", "10-b.rules", "100-c.rules"), n);
    assertTrue(Augenrules.isMerged("audit.rules"));
    assertTrue(!Augenrules.isMerged("audit.rules.bak") && !Augenrules.isMerged(".x.rules"));
  }

  @Test
  void statusOfTheRealKernel() {
    AuditStatus s = AuditStatus.parse(Fixtures.text("listings/status-disabled.auditctl-s.txt"));
    assertEquals(0, s.enabled().getAsLong());
    assertEquals(64, s.number("backlog_limit").getAsLong());
    assertEquals(15000, s.number("backlog_wait_time").getAsLong());
    assertTrue(!s.loginuidLocked());
    assertTrue(AuditStatus.parse("loginuid_immutable 1 locked\n").loginuidLocked());
    assertTrue(AuditStatus.parse("garbage\n\u0000 x").enabled().isEmpty());
  }
}
