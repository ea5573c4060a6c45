package io.auditgap.facts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real Debian 12 / RHEL 9 files; behaviour of variants observed with logrotate -d 3.21. */
class LogrotateParserTest {
  static final Path FIX = Path.of("src/test/resources/fixtures/retention");

  static String fx(String p) throws IOException {
    return Files.readString(FIX.resolve(p));
  }

  static Map<String, String> debian() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("/etc/logrotate.d/rsyslog", fx("debian12/rsyslog"));
    m.put("/etc/logrotate.d/wtmp", fx("debian12/wtmp"));
    m.put("/etc/logrotate.d/btmp", fx("debian12/btmp"));
    return m;
  }

  static LogrotateConfig parse(String main, Map<String, String> files) {
    return LogrotateParser.parse("/etc/logrotate.conf", main, LogrotateParser.of(files));
  }

  @Test
  void debianAuthLogIsWeeklyTimesFourPlusLiveFile() throws IOException {
    LogrotateConfig c = parse(fx("debian12/logrotate.conf"), debian());
    RotationBlock b = c.blockFor("/var/log/auth.log").orElseThrow();
    assertEquals("/etc/logrotate.d/rsyslog", b.where().file());
    assertEquals("weekly", b.frequency().value());
    assertEquals("4", b.rotate().value());
    assertEquals("/etc/logrotate.d/rsyslog", b.rotate().at().file());
    assertEquals("/etc/logrotate.conf", b.rotate().replaced().at().file(), "overrides the global");
    RotationRetention r = RotationRetention.of(b);
    assertEquals(35.0, r.days().getAsDouble());
    assertEquals("weekly × (4+1) = 35 days", r.arithmetic());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void wtmpIsMonthlyTimesOnePlusLiveFile() throws IOException {
    LogrotateConfig c = parse(fx("debian12/logrotate.conf"), debian());
    assertEquals(
        60.0, RotationRetention.of(c.blockFor("/var/log/wtmp").orElseThrow()).days().getAsDouble());
    assertEquals(
        60.0, RotationRetention.of(c.blockFor("/var/log/btmp").orElseThrow()).days().getAsDouble());
  }

  @Test
  void minsizeMakesTheDaysAMinimum() throws IOException {
    LogrotateConfig c = parse(fx("debian12/logrotate.conf"), debian());
    // Debian's wtmp block: monthly, minsize 1M, rotate 1
    RotationRetention r = RotationRetention.of(c.blockFor("/var/log/wtmp").orElseThrow());
    assertTrue(r.minimum());
    assertTrue(r.arithmetic().contains("at least 60 days"), r.arithmetic());
    assertTrue(r.arithmetic().contains("minsize 1M at /etc/logrotate.d/wtmp:"), r.arithmetic());
  }

  @Test
  void rhelSecureInheritsTheGlobals() throws IOException {
    LogrotateConfig c =
        parse(fx("rhel9/logrotate.conf"), Map.of("/etc/logrotate.d/rsyslog", fx("rhel9/rsyslog")));
    RotationBlock b = c.blockFor("/var/log/secure").orElseThrow();
    assertEquals("/etc/logrotate.conf", b.rotate().at().file());
    assertEquals(9, b.rotate().at().line());
    assertEquals(35.0, RotationRetention.of(b).days().getAsDouble());
  }

  @Test
  void aSecondBlockForTheSameFileIsIgnoredButKeepsItsOtherFiles() throws IOException {
    Map<String, String> files = debian();
    files.put(
        "/etc/logrotate.d/zz-auth",
        "/var/log/other.log /var/log/auth.log {\n  daily\n  rotate 400\n}\n");
    LogrotateConfig c = parse(fx("debian12/logrotate.conf"), files);
    assertEquals(
        "/etc/logrotate.d/rsyslog", c.blockFor("/var/log/auth.log").orElseThrow().where().file());
    assertEquals(
        "/etc/logrotate.d/zz-auth", c.blockFor("/var/log/other.log").orElseThrow().where().file());
    assertTrue(c.problemsFor("/var/log/auth.log").get(0).message().contains("duplicate log entry"));
  }

  @Test
  void maxageCapsRotate() {
    LogrotateConfig c = parse("weekly\nrotate 52\nmaxage 30\n/var/log/auth.log {\n}\n", Map.of());
    RotationRetention r = RotationRetention.of(c.blockFor("/var/log/auth.log").orElseThrow());
    assertEquals(30.0, r.days().getAsDouble());
    assertTrue(r.arithmetic().contains("capped by maxage 30"), r.arithmetic());
  }

  @Test
  void closingBraceOnADirectiveLineDropsTheRestOfTheFile() {
    LogrotateConfig c =
        parse(
            "include /etc/logrotate.d\n",
            Map.of(
                "/etc/logrotate.d/rsyslog",
                "/var/log/syslog {\n rotate 4\n}\n/var/log/auth.log {\n rotate 13 }\n"
                    + "/var/log/other.log {\n rotate 2\n}\n"));
    assertTrue(c.blockFor("/var/log/syslog").isPresent(), "earlier blocks are kept");
    assertFalse(c.blockFor("/var/log/auth.log").isPresent());
    assertFalse(c.blockFor("/var/log/other.log").isPresent());
  }

  @Test
  void globalsAfterIncludeDoNotReachIncludedFiles() {
    LogrotateConfig c =
        parse(
            "include /etc/logrotate.d\nrotate 9\ndaily\n",
            Map.of("/etc/logrotate.d/auth", "/var/log/auth.log {\n}\n"));
    RotationBlock b = c.blockFor("/var/log/auth.log").orElseThrow();
    assertEquals("size 1048576", b.frequency().value());
    assertEquals("0", b.rotate().value());
    assertTrue(RotationRetention.of(b).days().isEmpty(), "size-only: depends on the write rate");
  }

  @Test
  void tabooExtensionsAreNotRead() throws IOException {
    LogrotateConfig c =
        parse(
            "include /etc/logrotate.d\n",
            Map.of(
                "/etc/logrotate.d/rsyslog.dpkg-old",
                "/var/log/auth.log {\n daily\n rotate 400\n}\n"));
    assertTrue(c.blockFor("/var/log/auth.log").isEmpty());
  }

  @Test
  void globsMatchAndUnlimitedRotateIsUnbounded() {
    LogrotateConfig c = parse("/var/log/*.log {\n weekly\n rotate -1\n}\n", Map.of());
    RotationRetention r = RotationRetention.of(c.blockFor("/var/log/auth.log").orElseThrow());
    assertTrue(r.unbounded());
    assertNull(c.blockFor("/var/log/sub/auth.log").orElse(null));
  }

  @Test
  void hostileInputNeverThrows() {
    for (String s :
        new String[] {"{", "}", "rotate", "rotate x", "/a {\npostrotate\n", "include", "\u0000"}) {
      parse(s, Map.of());
    }
  }
}
