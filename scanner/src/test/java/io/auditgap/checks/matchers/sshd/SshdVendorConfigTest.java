package io.auditgap.checks.matchers.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.UsePamSetting;
import io.auditgap.facts.sshd.SshdFacts;
import io.auditgap.facts.sshd.SshdMainConfig;
import io.auditgap.testing.SnapshotBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * openSUSE Tumbleweed / SLE: no /etc/ssh/sshd_config, the package's file is
 * /usr/etc/ssh/sshd_config (fixtures/sshd/opensuse-tumbleweed, see SOURCES.md) and sshd reads it
 * because /etc has none. Without root, sshd -T cannot run and the files decide: they must be the
 * files sshd reads, not compiled-in defaults.
 */
class SshdVendorConfigTest {
  private static final String VENDOR_TEXT =
      SshdFixture.read(
          SshdFixture.ROOT.resolve(Path.of("opensuse-tumbleweed", "usr/etc/ssh/sshd_config")));

  private static SnapshotBuilder tumbleweed() {
    return SnapshotBuilder.host("tw")
        .cmd("container", 0, "none\n")
        .fileStatus(SshdMainConfig.ETC, SnapshotItem.ABSENT)
        .file(SshdMainConfig.VENDOR, VENDOR_TEXT)
        .dir(SshdMainConfig.VENDOR_DROP_IN_DIR, "")
        .fileStatus("/etc/crypto-policies/back-ends/opensshserver.config", SnapshotItem.ABSENT)
        .cmd("sshd -T", 0, "sshd: no hostkeys available -- exiting.\nsshd-exit=1\n")
        .cmd(
            "sshd -T -C audited users",
            0,
            "== user=root exit=1\nsshd: no hostkeys available -- exiting.\n");
  }

  private static Verdict level(SnapshotBuilder b) {
    return new SshdLogLevelMatcher()
        .evaluate(
            new CheckParams(
                Map.of(
                    "profile",
                    "baseline",
                    "accepted_levels",
                    Map.of("baseline", List.of("VERBOSE")))),
            new Facts(b.build()));
  }

  private static boolean cites(Verdict v, String location) {
    return v.evidence().stream().map(Evidence::location).anyMatch(location::equals);
  }

  @Test
  void anAdminDropInInEtcIsReadThroughTheVendorFilesInclude() {
    Verdict v =
        level(
            tumbleweed()
                .dir("/etc/ssh/sshd_config.d", "f\t00-logging.conf\n")
                .file("/etc/ssh/sshd_config.d/00-logging.conf", "LogLevel VERBOSE\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(cites(v, "/etc/ssh/sshd_config.d/00-logging.conf:1"), v.evidence().toString());
  }

  @Test
  void aVendorDropInAfterTheEtcOnesIsIgnoredLikeSshdDoes() {
    Verdict v =
        level(
            tumbleweed()
                .dir("/etc/ssh/sshd_config.d", "f\t40-site.conf\n")
                .file("/etc/ssh/sshd_config.d/40-site.conf", "LogLevel INFO\n")
                .dir(SshdMainConfig.VENDOR_DROP_IN_DIR, "f\t50-logging.conf\n")
                .file(
                    SshdMainConfig.VENDOR_DROP_IN_DIR + "/50-logging.conf", "LogLevel VERBOSE\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(cites(v, "/etc/ssh/sshd_config.d/40-site.conf:1"), v.evidence().toString());
  }

  @Test
  void usePamComesFromTheVendorFile() {
    UsePamSetting s =
        new Facts(tumbleweed().dir("/etc/ssh/sshd_config.d", "").build())
            .get(PamFacts.USE_PAM)
            .value()
            .orElseThrow();
    assertTrue(s.enabled());
    assertEquals(SshdMainConfig.VENDOR, s.at().file());
    assertEquals(89, s.at().line());
  }

  @Test
  void usePamInAVendorDropInIsFollowed() {
    UsePamSetting s =
        new Facts(
                tumbleweed()
                    .dir("/etc/ssh/sshd_config.d", "")
                    .dir(SshdMainConfig.VENDOR_DROP_IN_DIR, "f\t10-keys.conf\n")
                    .file(SshdMainConfig.VENDOR_DROP_IN_DIR + "/10-keys.conf", "UsePAM no\n")
                    .build())
            .get(PamFacts.USE_PAM)
            .value()
            .orElseThrow();
    assertEquals(false, s.enabled());
    assertEquals(SshdMainConfig.VENDOR_DROP_IN_DIR + "/10-keys.conf", s.at().file());
  }

  /** The package installs the vendor file 0640 root: a non-root collector cannot read it. */
  @Test
  void anUnreadableVendorFileIsUnknownNotTheDefault() {
    Verdict v =
        level(
            tumbleweed()
                .fileStatus(SshdMainConfig.VENDOR, SnapshotItem.DENIED)
                .dir("/etc/ssh/sshd_config.d", ""));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains(SshdMainConfig.VENDOR), v.reason());
  }

  @Test
  void anEtcFileHidesTheVendorFile() {
    Facts f =
        new Facts(
            tumbleweed()
                .file(SshdMainConfig.ETC, "LogLevel VERBOSE\n")
                .dir("/etc/ssh/sshd_config.d", "")
                .build());
    assertEquals(SshdMainConfig.ETC, f.get(SshdFacts.CONFIG).value().main());
    assertEquals(
        Status.PASS,
        level(
                tumbleweed()
                    .file(SshdMainConfig.ETC, "LogLevel VERBOSE\n")
                    .dir("/etc/ssh/sshd_config.d", ""))
            .status());
  }
}
