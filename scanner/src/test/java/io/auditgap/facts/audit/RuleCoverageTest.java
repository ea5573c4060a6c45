package io.auditgap.facts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Semantic coverage and suppression over upstream sample rules, their real kernel listings, and the
 * audit-more cases with their real listings (fixtures/auditmore/SOURCES.md).
 */
class RuleCoverageTest {
  private static final long UID_MIN = 1000;
  private static final List<AuditArch> BOTH = List.of(AuditArch.B64, AuditArch.B32);

  private static String more(String path) {
    try (InputStream in =
        RuleCoverageTest.class.getResourceAsStream("/fixtures/auditmore/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RuleSet caseFile(String name) {
    return RuleSet.load(
        Fixtures.PARSER.parse("cases/" + name + ".rules", more("cases/" + name + ".rules")));
  }

  private static RuleSet caseListing(String name) {
    return RuleSet.load(
        Fixtures.PARSER.parse("auditctl -l", more("listings/" + name + ".auditctl-l.txt")));
  }

  private static Map<String, RuleCoverage.Outcome> outcomes(RuleSet rules, RuleRequirement q) {
    return RuleCoverage.evaluate(rules, Fixtures.X86_64, q, Suppression.analyse(rules, UID_MIN))
        .stream()
        .collect(Collectors.toMap(RuleCoverage.Atom::label, RuleCoverage.Atom::outcome));
  }

  private static RuleRequirement watch(String path, String perms) {
    return RuleRequirement.watch(List.of(path), perms, List.of());
  }

  private static RuleRequirement setuid() {
    return RuleRequirement.syscalls(
        List.of("execve"),
        BOTH,
        List.of(
            RuleRequirement.condition("euid=0").get(),
            RuleRequirement.condition("auid>=1000").get(),
            RuleRequirement.condition("auid!=unset").get()),
        List.of(RuleRequirement.comparison("euid!=uid").get()));
  }

  private static RuleRequirement time(String... names) {
    return RuleRequirement.syscalls(List.of(names), BOTH, List.of(), List.of());
  }

  @Test
  void stigSampleWatchesIdentityButNotSshd() {
    RuleSet stig = Fixtures.rulesFile("upstream/30-stig.rules");
    RuleCoverage.Atom group =
        RuleCoverage.evaluate(
                stig,
                Fixtures.X86_64,
                watch("/etc/group", "wa"),
                Suppression.analyse(stig, UID_MIN))
            .get(0);
    assertEquals(RuleCoverage.Outcome.COVERED, group.outcome());
    assertEquals(37, group.covering().get(0).source().line());
    assertEquals(
        RuleCoverage.Outcome.MISSING,
        outcomes(stig, watch("/etc/ssh/sshd_config", "wa")).get("watch /etc/ssh/sshd_config (wa)"));
  }

  @Test
  void trailingSlashDirWatchAndPathFieldFormsAreTheSame() {
    RuleSet stig = Fixtures.rulesFile("upstream/30-stig.rules");
    RuleSet pci = Fixtures.listing("upstream-30-pci-dss-v31");
    RuleRequirement sudoersD = watch("/etc/sudoers.d", "wa");
    assertEquals(RuleCoverage.Outcome.COVERED, outcomes(stig, sudoersD).values().iterator().next());
    assertEquals(RuleCoverage.Outcome.COVERED, outcomes(pci, sudoersD).values().iterator().next());
    assertEquals(
        RuleCoverage.Outcome.COVERED,
        outcomes(pci, watch("/etc/sudoers", "wa")).values().iterator().next());
  }

  @Test
  void timeRulesWithA0OnlyCoverTheClockRealtimeScope() {
    RuleSet stig = Fixtures.rulesFile("upstream/30-stig.rules");
    Map<String, RuleCoverage.Outcome> t = outcomes(stig, time("adjtimex", "settimeofday"));
    assertEquals(4, t.size());
    assertTrue(t.values().stream().allMatch(o -> o == RuleCoverage.Outcome.COVERED), t.toString());
    RuleRequirement realtime =
        RuleRequirement.syscalls(
            List.of("clock_settime"),
            BOTH,
            List.of(RuleRequirement.condition("a0=0x0").get()),
            List.of());
    assertEquals(RuleCoverage.Outcome.COVERED, outcomes(stig, realtime).get("clock_settime b64"));
    // without the a0 scope, the a0=0 rule is narrower than "every clock"
    assertEquals(
        RuleCoverage.Outcome.PARTIAL,
        outcomes(stig, time("clock_settime")).get("clock_settime b64"));
    Map<String, RuleCoverage.Outcome> stime =
        outcomes(stig, RuleRequirement.syscalls(List.of("stime"), BOTH, List.of(), List.of()));
    assertEquals(RuleCoverage.Outcome.NOT_APPLICABLE, stime.get("stime b64"));
    assertEquals(RuleCoverage.Outcome.COVERED, stime.get("stime b32"));
  }

  @Test
  void pciSampleCoversSetuidButNotSetgid() {
    RuleSet pci = Fixtures.listing("upstream-30-pci-dss-v31");
    assertTrue(
        outcomes(pci, setuid()).values().stream().allMatch(o -> o == RuleCoverage.Outcome.COVERED));
    RuleRequirement setgid =
        RuleRequirement.syscalls(
            List.of("execve"),
            BOTH,
            List.of(RuleRequirement.condition("egid=0").get()),
            List.of(RuleRequirement.comparison("gid!=egid").get()));
    // the setuid rule has euid=0, which a setgid execution need not have: narrower, not covering
    assertEquals(RuleCoverage.Outcome.PARTIAL, outcomes(pci, setgid).get("execve b32"));
  }

  @Test
  void osppSessionWatchesOnlyForInteractiveUsersArePartial() {
    RuleSet ospp = Fixtures.listing("upstream-30-ospp-v42");
    RuleCoverage.Atom a =
        RuleCoverage.evaluate(
                ospp,
                Fixtures.X86_64,
                watch("/var/run/utmp", "wa"),
                Suppression.analyse(ospp, UID_MIN))
            .get(0);
    assertEquals(RuleCoverage.Outcome.PARTIAL, a.outcome());
    assertTrue(a.partialWhy().contains("auid>=1000"), a.partialWhy());
    // ... but they cover the audit-log read requirement, whose scope is the interactive users
    RuleRequirement read =
        RuleRequirement.watch(List.of("/var/log/audit"), "r", Suppression.interactive(UID_MIN));
    assertEquals(RuleCoverage.Outcome.COVERED, outcomes(ospp, read).values().iterator().next());
  }

  @Test
  void remediationSetCoversEverythingInFileAndKernel() {
    for (RuleSet rules : List.of(caseFile("baseline-good"), caseListing("baseline-good"))) {
      for (RuleRequirement q :
          List.of(
              watch("/var/run/utmp", "wa"),
              watch("/run/faillock", "wa"),
              watch("/etc/audit/auditd.conf", "wa"),
              watch("/usr/sbin/auditctl", "x"),
              watch("/sbin/auditctl", "x"),
              setuid(),
              time("adjtimex", "settimeofday", "clock_settime"))) {
        Map<String, RuleCoverage.Outcome> o = outcomes(rules, q);
        assertTrue(
            o.values().stream().allMatch(x -> x == RuleCoverage.Outcome.COVERED)
                || q.paths().contains("/usr/sbin/auditctl"),
            q.describe() + " " + o);
      }
    }
  }

  @Test
  void weakWatchesAndOneAbiOnlyFail() {
    RuleSet weak = caseListing("weak");
    RuleCoverage.Atom sudoers =
        RuleCoverage.evaluate(
                weak,
                Fixtures.X86_64,
                watch("/etc/sudoers", "wa"),
                Suppression.analyse(weak, UID_MIN))
            .get(0);
    assertEquals(RuleCoverage.Outcome.PARTIAL, sudoers.outcome());
    assertTrue(sudoers.partialWhy().contains("lack 'a'"), sudoers.partialWhy());
    Map<String, RuleCoverage.Outcome> t = outcomes(weak, time("adjtimex"));
    assertEquals(RuleCoverage.Outcome.COVERED, t.get("adjtimex b64"));
    assertEquals(RuleCoverage.Outcome.MISSING, t.get("adjtimex b32"));
    // an all-user execve rule covers setuid executions of session users (superset)
    assertTrue(
        outcomes(weak, setuid()).values().stream()
            .allMatch(o -> o == RuleCoverage.Outcome.COVERED));
    // and exec of the audit tools by them
    assertEquals(
        RuleCoverage.Outcome.COVERED,
        outcomes(
                weak,
                RuleRequirement.watch(
                    List.of("/sbin/auditctl"), "x", Suppression.interactive(UID_MIN)))
            .values()
            .iterator()
            .next());
  }

  @Test
  void suppressionFindsTaskNeverBroadNeverAndExclude() {
    // the kernel refused the chrony line, so no always rule follows the never,exit rule there
    RuleSet loaded = caseListing("suppressed");
    Suppression s = Suppression.analyse(loaded, UID_MIN);
    assertEquals(2, s.suppressing().size(), s.findings().toString());
    assertEquals(AuditList.TASK, s.suppressing().get(0).rule().list());
    assertTrue(s.suppressing().get(1).why().contains("EXECVE"));
    RuleSet disk = caseFile("suppressed");
    Suppression d = Suppression.analyse(disk, UID_MIN);
    assertEquals(3, d.suppressing().size(), d.findings().toString());
    assertTrue(d.suppressing().get(1).why().contains("before the always rules"));
    // the chrony rule is limited to auid=unset: it cannot touch a session, so it is not listed
    assertEquals(0, d.narrow().size(), d.findings().toString());
    assertEquals(RuleCoverage.Outcome.NEUTRALISED, outcomes(disk, setuid()).get("execve b64"));
  }

  @Test
  void narrowNeverIsNotedAndDaemonOnlyNeverIgnored() {
    Suppression s = Suppression.analyse(caseListing("narrow-never"), UID_MIN);
    assertEquals(0, s.suppressing().size());
    assertEquals(1, s.narrow().size());
    Suppression chrony =
        Suppression.analyse(Fixtures.rulesFile("upstream/22-ignore-chrony.rules"), UID_MIN);
    assertEquals(0, chrony.suppressing().size(), chrony.findings().toString());
    Suppression noAudit =
        Suppression.analyse(Fixtures.rulesFile("upstream/10-no-audit.rules"), UID_MIN);
    assertTrue(noAudit.suppressing().size() > 0, noAudit.findings().toString());
  }

  @Test
  void scopeImplicationUsesRanges() {
    List<FieldCondition> interactive = Suppression.interactive(1000);
    assertTrue(ScopeImplication.implied(interactive, new FieldCondition("auid", ">=", "500")));
    assertTrue(!ScopeImplication.implied(interactive, new FieldCondition("auid", ">=", "2000")));
    assertTrue(ScopeImplication.implied(interactive, new FieldCondition("auid", "!=", "unset")));
    assertTrue(ScopeImplication.disjoint(interactive, new FieldCondition("auid", "=", "unset")));
    assertTrue(ScopeImplication.disjoint(interactive, new FieldCondition("auid", "<", "1000")));
  }

  @Test
  void statOutputParsesModesAndErrors() {
    FileModes m =
        FileModes.parse(
            "750 root adm directory /var/log/audit\n"
                + "stat: cannot statx '/var/log/audit/audit.log*': Permission denied\n"
                + "640 root root regular file /etc/audit/auditd.conf\n"
                + "stat: cannot statx '/sbin/autrace': No such file or directory\n"
                + "garbage line\n");
    assertEquals(0750, m.files().get("/var/log/audit").mode());
    assertEquals("adm", m.files().get("/var/log/audit").group());
    assertTrue(m.denied("/var/log/audit/audit.log*"));
    assertTrue(!m.denied("/sbin/autrace"));
    assertEquals(2, m.files().size());
  }

  @Test
  void statOutputKeepsStatsOrderSoTwoScansOfAHostReadTheSame() {
    StringBuilder out = new StringBuilder();
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String p = "/etc/audit/rules.d/" + (char) ('z' - i % 26) + i + ".rules";
      paths.add(p);
      out.append("640 root root regular file ").append(p).append('\n');
      out.append("stat: cannot statx '").append(p).append(".d': Permission denied\n");
    }
    FileModes m = FileModes.parse(out.toString());
    assertEquals(paths, List.copyOf(m.files().keySet()));
    assertEquals(paths.stream().map(p -> p + ".d").toList(), List.copyOf(m.errors().keySet()));
  }
}
