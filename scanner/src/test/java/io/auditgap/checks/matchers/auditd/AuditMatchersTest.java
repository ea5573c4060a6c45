package io.auditgap.checks.matchers.auditd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.audit.AuditFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matchers over snapshots assembled from real fixtures (see test resources audit/SOURCES.md). */
class AuditMatchersTest {
  private static final String NOT_ROOT = "You must be root to run this program.\n";
  private static final String DIR = "/etc/audit/rules.d";

  private final AuditExecveMatcher execve = new AuditExecveMatcher();
  private final AuditImmutableMatcher immutable = new AuditImmutableMatcher();
  private final AuditRulesDriftMatcher drift = new AuditRulesDriftMatcher();

  /** Builds a host snapshot item by item. */
  private static final class Host {
    private final Map<String, SnapshotItem> items = new LinkedHashMap<>();

    Host() {
      cmd("uname -m", 0, "x86_64\n");
      cmd("container", 0, "none\n");
    }

    Host cmd(String name, int status, String text) {
      put(new SnapshotItem("cmd", name, status, text, text.length(), false));
      return this;
    }

    /** rules.d with the given files (name, fixture path) plus the Debian 12 shipped audit.rules. */
    Host rulesD(String... nameAndFixture) {
      StringBuilder listing = new StringBuilder("f\taudit.rules\n");
      file(DIR + "/audit.rules", fixture("debian12/audit.rules"));
      for (int i = 0; i < nameAndFixture.length; i += 2) {
        listing.append("f\t").append(nameAndFixture[i]).append('\n');
        file(DIR + "/" + nameAndFixture[i], fixture(nameAndFixture[i + 1]));
      }
      put(new SnapshotItem("dir", DIR, 0, listing.toString(), listing.length(), false));
      file("/etc/audit/audit.rules", "");
      return this;
    }

    Host rulesDDenied() {
      put(new SnapshotItem("dir", DIR, SnapshotItem.DENIED, "", 0, false));
      put(new SnapshotItem("file", "/etc/audit/audit.rules", SnapshotItem.DENIED, "", 0, false));
      return this;
    }

    Host loaded(String listing) {
      return cmd("auditctl -l", 0, fixture("listings/" + listing + ".auditctl-l.txt"));
    }

    /**
     * The captured status with its enabled value replaced (enabled 2 cannot be captured safely).
     */
    Host status(int enabled) {
      String s = fixture("listings/status-disabled.auditctl-s.txt");
      return cmd("auditctl -s", 0, s.replace("enabled 0", "enabled " + enabled));
    }

    Host notRoot() {
      cmd("auditctl -l", 4, NOT_ROOT);
      return cmd("auditctl -s", 4, NOT_ROOT);
    }

    void file(String path, String text) {
      put(new SnapshotItem("file", path, 0, text, text.length(), false));
    }

    private void put(SnapshotItem i) {
      items.put(i.key(), i);
    }

    Facts facts() {
      return new Facts(new HostSnapshot("h", Instant.EPOCH, items, 0, true, null));
    }
  }

  private static String fixture(String path) {
    try (InputStream in = AuditMatchersTest.class.getResourceAsStream("/audit/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasEvidence(Verdict v, String location, String textPart) {
    for (Evidence e : v.evidence()) {
      if (e.location().equals(location) && e.text().contains(textPart)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void execveCoveredInKernelAndOnDisk() {
    Host h = new Host().loaded("execve-both").rulesD("50-exec.rules", "cases/execve-both.rules");
    Verdict v = execve.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.PASS, v.status(), v.reason());
    assertEquals("loaded rules: covered; persistent rules (augenrules): covered", v.reason());
    assertTrue(hasEvidence(v, "/etc/audit/rules.d/50-exec.rules:3", "-a exit,always"));
    assertTrue(hasEvidence(v, "auditctl -l:2", "arch=b32"));
  }

  @Test
  void execveB64OnlyOnDiskFailsNamingB32() {
    Host h =
        new Host().loaded("execve-both").rulesD("50-exec.rules", "cases/execve-b64-only.rules");
    Verdict v = execve.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.FAIL, v.status());
    assertEquals("loaded rules: covered; persistent rules (augenrules): b32 missing", v.reason());
  }

  @Test
  void execveNeverRuleFirstIsNamed() {
    Host h =
        new Host()
            .loaded("execve-never-first")
            .rulesD("50-exec.rules", "cases/execve-never-first.rules");
    Verdict v = execve.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(
        v.reason().contains("b64 neutralised by -a never,exit -F arch=b64 -S execve"), v.reason());
    assertTrue(hasEvidence(v, "auditctl -l:1", "-a never,exit -F arch=b64 -S execve"));
    assertTrue(hasEvidence(v, "/etc/audit/rules.d/50-exec.rules:2", "never"));
  }

  @Test
  void execveRulesInAFileAugenrulesIgnores() {
    Host h =
        new Host()
            .loaded("debian12-default")
            .rulesD("50-exec.rules.disabled", "cases/execve-both.rules");
    Verdict v = execve.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("persistent rules (augenrules): b64 missing, b32 missing"));
    assertTrue(hasEvidence(v, "/etc/audit/rules.d/50-exec.rules.disabled:3", "execve"));
    assertTrue(v.evidence().stream().anyMatch(e -> e.note().contains("ignored by augenrules")));
  }

  @Test
  void execveWithoutRootIsUnknownAndNamesTheMissingSource() {
    Verdict v = execve.evaluate(CheckParams.empty(), new Host().notRoot().rulesDDenied().facts());
    assertEquals(Status.UNKNOWN, v.status());
    assertTrue(
        v.reason().contains("auditctl -l needs root (the collector ran as a non-root user)"));
    Host readable = new Host().notRoot().rulesD("50-exec.rules", "cases/execve-both.rules");
    Verdict p = execve.evaluate(CheckParams.empty(), readable.facts());
    // Covered on disk, kernel not seen: never a pass on half the evidence.
    assertEquals(Status.UNKNOWN, p.status());
    assertTrue(p.reason().startsWith("loaded rules: not seen (auditctl -l needs root"));
    Host gap = new Host().notRoot().rulesD("50-exec.rules", "cases/execve-auid0.rules");
    assertEquals(Status.FAIL, execve.evaluate(CheckParams.empty(), gap.facts()).status());
  }

  @Test
  void execveUidMinParameter() {
    Host h =
        new Host().loaded("execve-auid2000").rulesD("50-exec.rules", "cases/execve-auid2000.rules");
    assertEquals(Status.FAIL, execve.evaluate(CheckParams.empty(), h.facts()).status());
    CheckParams p = new CheckParams(Map.of("uid_min", "2000"));
    assertEquals(Status.PASS, execve.evaluate(p, h.facts()).status());
  }

  @Test
  void archAfterSyscallOnDiskFailsAndShowsWhereTheLoadStops() {
    Host h =
        new Host()
            .loaded("execve-arch-after-syscall")
            .rulesD("50-exec.rules", "cases/execve-arch-after-syscall.rules");
    Verdict v = execve.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.location().equals("/etc/audit/rules.d/50-exec.rules:2")
                        && e.note().contains("arch must be before -S")));
  }

  @Test
  void auditdMissingAndContainer() {
    Host missing = new Host().cmd("auditctl -l", 127, "sh: 1: auditctl: not found\n");
    missing.cmd("auditctl -s", 127, "sh: 1: auditctl: not found\n");
    missing.put(new SnapshotItem("dir", DIR, SnapshotItem.ABSENT, "", 0, false));
    missing.put(
        new SnapshotItem("file", "/etc/audit/audit.rules", SnapshotItem.ABSENT, "", 0, false));
    Verdict v = execve.evaluate(CheckParams.empty(), missing.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().startsWith("auditd is not installed"));
    assertEquals(Status.FAIL, drift.evaluate(CheckParams.empty(), missing.facts()).status());
    Host container = new Host().cmd("container", 0, "docker\n").loaded("execve-both");
    assertEquals(
        Status.NOT_APPLICABLE, execve.evaluate(CheckParams.empty(), container.facts()).status());
    assertEquals(
        Status.NOT_APPLICABLE, immutable.evaluate(CheckParams.empty(), container.facts()).status());
  }

  @Test
  void containerMarkersDoNotHideKernelFailuresWhenTheKernelAuditAnswers() {
    // A VM image carrying /.dockerenv: systemd-detect-virt -c says docker, but auditctl -s answers
    // (enabled 0, the real capture) and no rule is loaded: real failures, not "not applicable".
    Host vm =
        new Host()
            .cmd("container", 0, "detect-virt-c: docker\ndockerenv: /.dockerenv\n")
            .cmd("auditctl -s", 0, fixture("listings/status-disabled.auditctl-s.txt"))
            .cmd("auditctl -l", 0, "No rules\n");
    Verdict v = execve.evaluate(CheckParams.empty(), vm.facts());
    assertEquals(Status.FAIL, v.status(), v.reason());

    Host nspawn =
        new Host()
            .cmd("container", 0, "detect-virt-c: systemd-nspawn\n")
            .cmd("auditctl -s", 1, "Error sending status request (Operation not permitted)\n")
            .cmd(
                "auditctl -l",
                1,
                "Error sending rule list data request (Operation not permitted)\n");
    Verdict na = execve.evaluate(CheckParams.empty(), nspawn.facts());
    assertEquals(Status.NOT_APPLICABLE, na.status(), na.reason());
    assertTrue(na.reason().contains("systemd-nspawn"), na.reason());
    assertTrue(na.reason().contains("scan the container host"), na.reason());
    assertTrue(hasEvidence(na, "auditctl -s", "Operation not permitted"), na.evidence().toString());
  }

  @Test
  void immutableNeedsTheLastEOnDiskAndTheKernelLocked() {
    Host locked = new Host().status(2).rulesD("99-finalize.rules", "upstream/99-finalize.rules");
    locked.file(DIR + "/99-finalize.rules", "-e 2\n");
    Verdict pass = immutable.evaluate(CheckParams.empty(), locked.facts());
    assertEquals(Status.PASS, pass.status(), pass.reason());
    assertTrue(hasEvidence(pass, "/etc/audit/rules.d/99-finalize.rules:1", "-e 2"));

    Host later =
        new Host()
            .status(2)
            .rulesD("10-a.rules", "debian12/audit.rules", "50-b.rules", "debian12/audit.rules");
    later.file(DIR + "/10-a.rules", "-e 2\n");
    later.file(DIR + "/50-b.rules", "-e 1\n");
    Verdict f = immutable.evaluate(CheckParams.empty(), later.facts());
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.reason().contains("end with -e 1"), f.reason());

    Host running = new Host().status(1).rulesD("99-finalize.rules", "upstream/99-finalize.rules");
    running.file(DIR + "/99-finalize.rules", "-e 2\n");
    assertEquals(Status.FAIL, immutable.evaluate(CheckParams.empty(), running.facts()).status());

    // the upstream 99-finalize.rules ships "#-e 2" commented out
    Host upstream = new Host().status(2).rulesD("99-finalize.rules", "upstream/99-finalize.rules");
    assertEquals(Status.FAIL, immutable.evaluate(CheckParams.empty(), upstream.facts()).status());

    Host noRoot = new Host().notRoot().rulesD("99-finalize.rules", "upstream/99-finalize.rules");
    noRoot.file(DIR + "/99-finalize.rules", "-e 2\n");
    Verdict u = immutable.evaluate(CheckParams.empty(), noRoot.facts());
    assertEquals(Status.UNKNOWN, u.status());
    assertTrue(u.reason().contains("auditctl -s needs root"));
  }

  @Test
  void driftListsRulesTheKernelRefused() {
    Host h =
        new Host()
            .loaded("augenrules-stig")
            .status(1)
            .rulesD(
                "10-base-config.rules", "upstream/10-base-config.rules",
                "11-loginuid.rules", "upstream/11-loginuid.rules",
                "30-stig.rules", "upstream/30-stig.rules",
                "99-finalize.rules", "upstream/99-finalize.rules");
    Verdict v = drift.evaluate(CheckParams.empty(), h.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(
        v.reason().startsWith("0 rules only in the kernel, 18 only in the persistent"), v.reason());
    assertTrue(hasEvidence(v, "/etc/audit/rules.d/30-stig.rules:50", "dir=/etc/NetworkManager/"));

    Host same = new Host().loaded("execve-both").rulesD("50-exec.rules", "cases/execve-both.rules");
    assertEquals(Status.PASS, drift.evaluate(CheckParams.empty(), same.facts()).status());
    Verdict u = drift.evaluate(CheckParams.empty(), new Host().notRoot().rulesDDenied().facts());
    assertEquals(Status.UNKNOWN, u.status());
  }

  @Test
  void namesAndNeeds() {
    assertEquals("audit-execve", execve.name());
    assertEquals("audit-immutable", immutable.name());
    assertEquals("audit-rules-drift", drift.name());
    assertTrue(execve.needs().containsAll(AuditFacts.LOADED_RULES.needs()));
    assertTrue(execve.needs().contains(AuditFacts.RULES_D));
    assertTrue(immutable.needs().contains(AuditFacts.AUDITCTL_STATUS));
    assertTrue(drift.needs().contains(AuditFacts.AUDIT_RULES));
  }
}
