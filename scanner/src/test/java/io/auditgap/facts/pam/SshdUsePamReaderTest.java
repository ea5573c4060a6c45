package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshdUsePamReaderTest {
  private static final String DEBIAN = PamFixtures.read("pam/debian12/sshd_config");

  private static Observed<Optional<UsePamSetting>> read(SnapshotBuilder b) {
    return SshdUsePamReader.read(b.build());
  }

  @Test
  void debianShippedConfigUsesPam() {
    UsePamSetting s =
        read(SnapshotBuilder.host("d")
                .file(SshdUsePamReader.MAIN, DEBIAN)
                .dir(SshdUsePamReader.DROP_IN_DIR, ""))
            .value()
            .orElseThrow();
    assertTrue(s.enabled());
    assertEquals(85, s.at().line());
  }

  @Test
  void dropInReadBeforeTheMainFileWinsWithNo() {
    SnapshotBuilder b = SnapshotBuilder.host("d").file(SshdUsePamReader.MAIN, DEBIAN);
    PamFixtures.dir(
        b,
        SshdUsePamReader.DROP_IN_DIR,
        Map.of("10-hardening.conf", "UsePAM no\n", "notes.txt", "UsePAM yes\n"));
    UsePamSetting s = read(b).value().orElseThrow();
    assertFalse(s.enabled());
    assertEquals("/etc/ssh/sshd_config.d/10-hardening.conf", s.at().file());
    assertTrue(s.overridden().startsWith("/etc/ssh/sshd_config:85"), s.overridden());
  }

  @Test
  void sshdDashTWinsOverFiles() {
    UsePamSetting s =
        read(SnapshotBuilder.host("d")
                .cmd("sshd -T", 0, "port 22\nusepam yes\n")
                .file(SshdUsePamReader.MAIN, "UsePAM no\n"))
            .value()
            .orElseThrow();
    assertTrue(s.enabled());
    assertEquals("sshd -T", s.at().file());
  }

  @Test
  void missingKeywordMeansCompiledInNo() {
    UsePamSetting s =
        read(SnapshotBuilder.host("d").file(SshdUsePamReader.MAIN, "# UsePAM yes\nPort 22\n"))
            .value()
            .orElseThrow();
    assertFalse(s.enabled());
    assertEquals("compiled-in default", s.at().file());
  }

  @Test
  void unreadableConfigIsUnseenAndAbsentConfigIsEmpty() {
    assertFalse(
        read(SnapshotBuilder.host("r").fileStatus(SshdUsePamReader.MAIN, SnapshotItem.DENIED))
            .isSeen());
    assertTrue(
        read(SnapshotBuilder.host("n").fileStatus(SshdUsePamReader.MAIN, SnapshotItem.ABSENT))
            .value()
            .isEmpty());
  }

  @Test
  void includeOutsideCollectedPlacesIsUnseenUnlessUsePamCameFirst() {
    assertFalse(
        read(SnapshotBuilder.host("x")
                .file(SshdUsePamReader.MAIN, "Include /opt/ssh/*.conf\nUsePAM yes\n"))
            .isSeen());
    assertTrue(
        read(SnapshotBuilder.host("x")
                .file(SshdUsePamReader.MAIN, "UsePAM yes\nInclude /opt/ssh/*.conf\n"))
            .value()
            .orElseThrow()
            .enabled());
  }

  @Test
  void includeFanOutIsUnseenNotExhausting() {
    String threeTimes = "Include /etc/ssh/a.conf /etc/ssh/a.conf /etc/ssh/a.conf\n";
    var r =
        read(
            SnapshotBuilder.host("x")
                .file(SshdUsePamReader.MAIN, "Include /etc/ssh/a.conf\nUsePAM yes\n")
                .file("/etc/ssh/a.conf", threeTimes));
    assertFalse(r.isSeen());
  }
}
