package io.auditgap.facts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.audit.ExecveCoverage.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecveCoverageAndDriftTest {
  private static final Machine X86 = Fixtures.X86_64;

  private static ExecveCoverage.Result listing(String name, long uidMin) {
    return ExecveCoverage.evaluate(Fixtures.listing(name), X86, uidMin);
  }

  private static ExecveCoverage.Result file(String name, long uidMin) {
    return ExecveCoverage.evaluate(Fixtures.rulesFile("cases/" + name + ".rules"), X86, uidMin);
  }

  @Test
  void bothAbisCoveredInFileAndKernelListing() {
    assertTrue(listing("execve-both", 1000).covered());
    assertTrue(file("execve-both", 1000).covered());
    assertEquals(2, file("execve-both", 1000).arches().get(0).covering().get().source().line() - 1);
  }

  @Test
  void b64OnlyOnX8664MissesB32() {
    ExecveCoverage.Result r = listing("execve-b64-only", 1000);
    assertFalse(r.covered());
    assertEquals("b32 missing", r.summary());
    // without a compat ABI the native rule is enough
    Machine i686 = Machine.of("i686").orElseThrow();
    assertEquals(List.of(AuditArch.B32), ExecveCoverage.requiredArches(i686));
  }

  @Test
  void ruleWithoutArchCountsForTheNativeAbiOnly() {
    RuleSet r = RuleSet.load(Fixtures.PARSER.parse("x", "-a always,exit -S execve -F auid>=500\n"));
    ExecveCoverage.Result c = ExecveCoverage.evaluate(r, X86, 1000);
    assertEquals(Outcome.COVERED, c.arches().get(0).outcome());
    assertEquals(Outcome.MISSING, c.arches().get(1).outcome());
  }

  @Test
  void neverRuleFirstNeutralises() {
    ExecveCoverage.Result r = listing("execve-never-first", 1000);
    assertFalse(r.covered());
    ExecveCoverage.ArchResult b64 = r.arches().get(0);
    assertEquals(Outcome.NEUTRALISED, b64.outcome());
    assertEquals("-a never,exit -F arch=b64 -S execve", b64.neutraliser().get().source().text());
    assertEquals(Outcome.COVERED, r.arches().get(1).outcome());
    assertEquals(Outcome.NEUTRALISED, file("execve-never-auid", 1000).arches().get(1).outcome());
  }

  @Test
  void narrowNeverRuleIsNotedButDoesNotNeutralise() {
    ExecveCoverage.Result r = listing("execve-never-narrow", 1000);
    assertTrue(r.covered());
    assertEquals(1, r.arches().get(0).narrowNevers().size());
  }

  @Test
  void taskNeverNeutralisesEverything() {
    String text =
        Fixtures.text("cases/execve-both.rules") + Fixtures.text("upstream/10-no-audit.rules");
    ExecveCoverage.Result r =
        ExecveCoverage.evaluate(RuleSet.load(Fixtures.PARSER.parse("x", text)), X86, 1000);
    assertEquals(Outcome.NEUTRALISED, r.arches().get(0).outcome());
    assertEquals("-a task,never", r.arches().get(0).neutraliser().get().source().text());
    // the real kernel listing of 10-no-audit.rules
    assertEquals(AuditList.TASK, Fixtures.listing("upstream-10-no-audit").rules().get(0).list());
  }

  @Test
  void auidLowerBoundMustNotExceedUidMin() {
    assertTrue(file("execve-both", 1000).covered()); // its b32 rule is auid>=500
    assertFalse(listing("execve-auid2000", 1000).covered());
    assertTrue(listing("execve-auid2000", 2000).covered());
    assertFalse(listing("execve-auid0", 1000).covered());
  }

  @Test
  void otherNarrowingFieldsDisqualify() {
    // upstream PCI rule: execve only for setuid-to-root executions
    assertFalse(listing("upstream-30-pci-dss-v31", 1000).covered());
    // upstream 21-no32bit: b32 -S all with only a key covers b32
    ExecveCoverage.Result no32 = listing("upstream-21-no32bit", 1000);
    assertEquals(Outcome.COVERED, no32.arches().get(1).outcome());
  }

  @Test
  void kernelRefusalShowsAsDriftAgainstTheAugenrulesMerge() {
    RuleSet persistent =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "/etc/audit/audit.rules",
                Fixtures.text("augenrules/stig/augenrules-output.rules")));
    RuleSet loaded = Fixtures.listing("augenrules-stig");
    RuleDrift d = RuleDrift.compare(loaded, persistent);
    assertTrue(d.onlyLoaded().isEmpty());
    assertEquals(
        "-a always,exit -F dir=/etc/NetworkManager/ -F perm=wa -F key=system-locale",
        d.onlyPersistent().get(0).source().text());
    assertEquals(persistent.rules().size() - loaded.rules().size(), d.onlyPersistent().size());
  }

  @Test
  void identicalSetsHaveNoDriftAndKeysOrOrderChangesDo() {
    assertTrue(
        RuleDrift.compare(
                Fixtures.listing("execve-both"), Fixtures.rulesFile("cases/execve-both.rules"))
            .none());
    RuleSet rekeyed =
        RuleSet.load(
            Fixtures.PARSER.parse(
                "x", Fixtures.text("cases/execve-both.rules").replace("-k exec", "-k commands")));
    RuleDrift d = RuleDrift.compare(Fixtures.listing("execve-both"), rekeyed);
    assertEquals(1, d.onlyLoaded().size());
    assertEquals(1, d.onlyPersistent().size());
    String reordered =
        "-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec\n"
            + "-a always,exit -F arch=b32 -S execve -F auid>=1000 -F auid!=unset -k exec\n"
            + "-a never,exit -F arch=b64 -S execve\n";
    RuleDrift o =
        RuleDrift.compare(
            Fixtures.listing("execve-never-first"),
            RuleSet.load(Fixtures.PARSER.parse("x", reordered)));
    assertTrue(o.onlyLoaded().isEmpty() && o.onlyPersistent().isEmpty());
    assertEquals(2, o.reordered().size());
  }
}
