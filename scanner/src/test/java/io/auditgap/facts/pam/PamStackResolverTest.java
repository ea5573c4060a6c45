package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.testing.SnapshotBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PamStackResolverTest {

  private static Observed<PamStack> sshd(SnapshotBuilder b) {
    return new PamStackResolver(new PamConfigSource(b.build())).resolve("sshd", "session");
  }

  private static SnapshotBuilder host(Map<String, String> etc) {
    SnapshotBuilder b =
        SnapshotBuilder.host("h").dirStatus(PamConfigSource.VENDOR, SnapshotItem.ABSENT);
    return PamFixtures.dir(b, PamConfigSource.ETC, etc);
  }

  @Test
  void debianStackFollowsAtIncludeAndSeesThePermitJump() {
    PamStack s = sshd(host(PamFixtures.debian12PamD())).value();
    assertEquals("/etc/pam.d/sshd", s.serviceFile());
    StackEntry loginuid = s.module("pam_loginuid.so").get(0);
    assertEquals(Reach.ALWAYS, loginuid.reach());
    StackEntry deny = s.module("pam_deny.so").get(0);
    assertEquals(
        Reach.SKIPPED, deny.reach(), "[default=1] pam_permit.so always jumps over pam_deny");
    assertTrue(deny.reachNote().contains("pam_permit.so"));
    StackEntry unix = s.module("pam_unix.so").get(0);
    assertEquals(Reach.ALWAYS, unix.reach());
    assertTrue(unix.chain().startsWith("/etc/pam.d/sshd:"), unix.chain());
    assertTrue(
        unix.chain().contains("@include common-session → /etc/pam.d/common-session:"),
        unix.chain());
    // only session lines
    assertTrue(s.entries().stream().allMatch(e -> e.rule().type().equals("session")));
  }

  @Test
  void rhelStackUsesPasswordAuthAndEvaluatesTheCrondJumpForSshd() {
    PamStack s = sshd(host(PamFixtures.rhel9PamD())).value();
    StackEntry unix = s.module("pam_unix.so").get(0);
    assertEquals("/etc/pam.d/password-auth", unix.rule().at().file());
    assertEquals(Reach.ALWAYS, unix.reach(), "service in crond does not jump for sshd");
    assertTrue(
        s.entries().stream().noneMatch(e -> e.rule().at().file().equals("/etc/pam.d/system-auth")));
    // postlogin: [success=1] pam_succeed_if service !~ gdm* service !~ su* is true for sshd
    StackEntry lastlog = s.module("pam_lastlog.so").get(0);
    assertEquals(Reach.SKIPPED, lastlog.reach());
  }

  @Test
  void sufficientAndUnknownJumpsMakeLaterLinesMaybeSkipped() {
    Map<String, String> etc = new LinkedHashMap<>();
    etc.put(
        "sshd",
        "session sufficient pam_foo.so\nsession required pam_tty_audit.so enable=*\n"
            + "session [success=2 default=ignore] pam_bar.so\nsession required pam_a.so\n"
            + "session required pam_b.so\nsession required pam_c.so\n");
    PamStack s = sshd(host(etc)).value();
    assertEquals(Reach.MAYBE_SKIPPED, s.module("pam_tty_audit.so").get(0).reach());
    assertEquals(Reach.MAYBE_SKIPPED, s.module("pam_c.so").get(0).reach());
  }

  @Test
  void substackJumpsStayInside() {
    Map<String, String> etc = new LinkedHashMap<>();
    etc.put("sshd", "session substack inner\nsession required pam_tty_audit.so enable=*\n");
    etc.put("inner", "session [default=5] pam_permit.so\nsession required pam_x.so\n");
    PamStack s = sshd(host(etc)).value();
    assertEquals(Reach.SKIPPED, s.module("pam_x.so").get(0).reach());
    assertEquals(Reach.ALWAYS, s.module("pam_tty_audit.so").get(0).reach());
  }

  @Test
  void missingIncludeIsAProblemAndLoopsStop() {
    Map<String, String> etc = new LinkedHashMap<>();
    etc.put("sshd", "session include nowhere\nsession include loop\n");
    etc.put("loop", "session include loop\nsession required pam_x.so\n");
    PamStack s = sshd(host(etc)).value();
    assertTrue(s.problems().stream().anyMatch(p -> p.contains("'nowhere' does not exist")));
    assertTrue(s.problems().stream().anyMatch(p -> p.contains("nested deeper")));
    assertEquals(PamStackResolver.MAX_DEPTH, s.module("pam_x.so").size());
  }

  @Test
  void unreadableIncludedFileMakesTheStackUnseen() {
    SnapshotBuilder b = host(PamFixtures.debian12PamD());
    b.fileStatus("/etc/pam.d/common-session", SnapshotItem.DENIED);
    Observed<PamStack> s = sshd(b);
    assertFalse(s.isSeen());
  }

  @Test
  void vendorDirectoryIsUsedOnlyWhenEtcHasNoSuchFile() {
    SnapshotBuilder b = SnapshotBuilder.host("tw");
    PamFixtures.dir(
        b,
        PamConfigSource.ETC,
        Map.of("common-session", "session required pam_tty_audit.so enable=*\n"));
    PamFixtures.dir(
        b,
        PamConfigSource.VENDOR,
        Map.of(
            "sshd", "session required pam_loginuid.so\nsession include common-session\n",
            "common-session", "session optional pam_systemd.so\n"));
    PamStack s = sshd(b).value();
    assertEquals("/usr/lib/pam.d/sshd", s.serviceFile());
    assertEquals(
        "/etc/pam.d/common-session",
        s.module("pam_tty_audit.so").get(0).rule().at().file(),
        "/etc wins");
    assertTrue(s.module("pam_systemd.so").isEmpty());
  }

  @Test
  void noServiceFileFallsBackToOther() {
    PamStack s = sshd(host(Map.of("other", PamFixtures.read("pam/debian12/other")))).value();
    assertEquals("/etc/pam.d/other", s.serviceFile());
    assertEquals(List.of(), s.module("pam_loginuid.so"));
  }
}
