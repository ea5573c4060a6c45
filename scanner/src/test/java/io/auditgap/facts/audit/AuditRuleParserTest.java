package io.auditgap.facts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRuleParserTest {
  private static final AuditRuleParser P = Fixtures.PARSER;

  private static AuditStatement one(String line) {
    return P.parseLine(new SourceLine("t.rules", 1, line));
  }

  private static AuditRule rule(String line) {
    return assertInstanceOf(AuditRule.class, one(line), line);
  }

  private static List<String> identities(List<AuditStatement> statements) {
    return statements.stream().map(s -> ((AuditRule) s).identity()).toList();
  }

  /** Every rule file line equals the line the real kernel listed for it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "execve-both",
        "watches",
        "execve-never-first",
        "execve-auid0",
        "execve-b64-only",
        "execve-never-narrow"
      })
  void rulesFileAndKernelListingHaveTheSameRules(String name) {
    List<AuditStatement> file =
        P.parse("cases/" + name + ".rules", Fixtures.text("cases/" + name + ".rules"));
    List<AuditStatement> listed =
        P.parse("auditctl -l", Fixtures.text("listings/" + name + ".auditctl-l.txt"));
    assertEquals(identities(file), identities(listed));
  }

  @Test
  void upstreamPciAndOsppMatchTheirKernelListings() {
    for (String u : List.of("30-pci-dss-v31", "30-ospp-v42", "21-no32bit")) {
      RuleSet file = Fixtures.rulesFile("upstream/" + u + ".rules");
      RuleSet listed = Fixtures.listing("upstream-" + u);
      assertTrue(file.errors().isEmpty(), u + " " + file.errors());
      assertTrue(listed.errors().isEmpty(), u + " " + listed.errors());
      assertTrue(RuleDrift.compare(listed, file).none(), u);
      assertFalse(listed.rules().isEmpty());
    }
  }

  @Test
  void syscallListsAndRepeatedSyscallOptionsAreOneSet() {
    assertEquals(
        rule("-a always,exit -F arch=b64 -S execve,execveat").identity(),
        rule("-a always,exit -F arch=b64 -S execveat -S execve").identity());
    assertEquals(
        rule("-a always,exit -F arch=b64 -S execve").identity(),
        rule("-a always,exit -F arch=b64 -S 59").identity());
    assertNotEquals(
        rule("-a always,exit -F arch=b64 -S execve").identity(),
        rule("-a always,exit -F arch=b32 -S execve").identity());
  }

  @Test
  void spellingsThatMeanTheSameRule() {
    String base =
        rule("-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=-1 -k x").identity();
    assertEquals(
        base,
        rule("-a exit,always -F auid!=unset -F auid>=1000 -F arch=b64 -S execve -F key=x")
            .identity());
    assertEquals(
        base,
        rule("-a always,entry -F arch=x86_64 -S execve -F auid>=1000 -F auid!=4294967295 -k x")
            .identity());
    assertEquals(
        base,
        rule("-a always,exit -F arch=b64 -S execve -F loginuid>=1000 -F auid!=-1 -k x").identity());
    assertEquals(
        rule("-a always,exit -F arch=i386 -S execve").identity(),
        rule("-a always,exit -F arch=b32 -S execve").identity());
    assertEquals(
        rule("-a always,exit -F arch=b64 -S execve -C euid!=uid").identity(),
        rule("-a always,exit -F arch=b64 -S execve -C uid!=euid").identity());
    assertEquals(
        rule("-w /var/run/utmp/ -p aw").identity(),
        rule("-a always,exit -F path=/run/utmp -F perm=wa").identity());
  }

  @Test
  void keysArePartOfIdentityButNotOfScope() {
    AuditRule a = rule("-a always,exit -F arch=b64 -S execve -k a");
    AuditRule b = rule("-a always,exit -F arch=b64 -S execve -k b");
    assertNotEquals(a.identity(), b.identity());
    assertEquals(a.scopeIdentity(), b.scopeIdentity());
    assertEquals(List.of("a"), a.keys());
  }

  @Test
  void watchWithoutPermissionsMeansRwxa() {
    AuditRule w = rule("-w /etc/ssh/sshd_config -k sshd");
    assertEquals(new WatchForm("/etc/ssh/sshd_config", "rwxa"), w.watch().orElseThrow());
    AuditRule d = rule("-w /etc/sudoers.d/ -p wa");
    assertEquals(new WatchForm("/etc/sudoers.d", "wa"), d.watch().orElseThrow());
    assertEquals("dir", d.fields().get(0).name());
    assertTrue(
        rule("-a always,exit -F path=/usr/bin/sudo -F perm=x -F auid>=1000").watch().isEmpty());
  }

  @Test
  void archAfterSyscallIsTheLibauditError() {
    RuleError e = assertInstanceOf(RuleError.class, one("-a always,exit -S execve -F arch=b64"));
    assertEquals("arch must be before -S", e.message());
    assertEquals(1, e.source().line());
  }

  @Test
  void linesAuditctlRefuses() {
    assertTrue(
        ((RuleError) one("-w /etc/shadow -p wa # identity")).message().contains("inline comment"));
    // stime exists only in the 32-bit table (30-stig.rules therefore lists it only for b32)
    assertTrue(
        ((RuleError) one("-a always,exit -F arch=b64 -S stime")).message().contains("stime"));
    assertInstanceOf(AuditRule.class, one("-a always,exit -F arch=b32 -S stime"));
    assertTrue(((RuleError) one("-a always,exit -Z x")).message().contains("unknown option"));
    assertTrue(((RuleError) one("-a always,exit -F bogus=1")).message().contains("unknown field"));
    assertTrue(((RuleError) one("-a sometimes,exit")).message().contains("list,action"));
    assertTrue(((RuleError) one("-a never,task -S execve")).message().contains("exit list"));
    AuditRuleParser i686 = new AuditRuleParser(Machine.of("i686").orElseThrow());
    assertInstanceOf(
        RuleError.class,
        i686.parseLine(new SourceLine("x", 1, "-a always,exit -F arch=b64 -S execve")));
  }

  @Test
  void controlLinesOfTheUpstreamBaseConfig() {
    List<AuditStatement> s =
        P.parse("10-base-config.rules", Fixtures.text("upstream/10-base-config.rules"));
    List<String> kinds =
        s.stream()
            .map(x -> ((ControlDirective) x).kind() + " " + ((ControlDirective) x).argument())
            .toList();
    assertEquals(
        List.of("DELETE_ALL ", "BACKLOG_LIMIT 8192", "BACKLOG_WAIT_TIME 60000", "FAILURE_MODE 1"),
        kinds);
    assertEquals(6, s.get(1).source().line());
    ControlDirective e = (ControlDirective) one("-e 2");
    assertEquals(ControlKind.ENABLED, e.kind());
    assertEquals("2", e.argument());
    assertEquals(
        ControlKind.LOGINUID_IMMUTABLE, ((ControlDirective) one("--loginuid-immutable")).kind());
    assertEquals("k", ((ControlDirective) one("-D -k k")).argument());
  }

  @Test
  void upstreamStigParsesWithoutErrors() {
    RuleSet r = Fixtures.rulesFile("upstream/30-stig.rules");
    assertTrue(r.errors().isEmpty(), r.errors().toString());
    assertEquals(34, r.rules().size());
  }

  @Test
  void hostileInputNeverThrows() {
    Random rnd = new Random(42);
    String alphabet = "-aSFwkpCDe ,=!<>&#/\t\\\u0000é0123456789xyz";
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      int len = rnd.nextInt(60);
      for (int i = 0; i < len; i++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      P.parse("fuzz", b.toString());
    }
    assertEquals(0, P.parse("x", null).size());
    assertEquals(0, P.parse("auditctl -l", "No rules\n").size());
  }
}
