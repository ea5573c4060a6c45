package io.auditgap.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one normalisation of a line as written: surrounding whitespace goes, nothing else. */
class SourceLineTest {
  @Test
  void keepsTheLineAsWrittenWithoutItsIndentationAndLineBreak() {
    SourceLine l =
        new SourceLine("/etc/rsyslog.conf", 60, "  auth,authpriv.*\t\t\t/var/log/auth.log\r\n");
    assertEquals("auth,authpriv.*\t\t\t/var/log/auth.log", l.text());
    assertEquals("/etc/rsyslog.conf:60", l.location());
  }

  @Test
  void hostileTextIsKeptForTheWritersToNeutralise() {
    String hostile = "LogLevel INFO\u001b[2J\u202e" + "x".repeat(10_000);
    assertEquals(hostile, new SourceLine("/etc/ssh/sshd_config", 3, hostile).text());
  }

  @Test
  void nullsBecomeEmptyAndLineZeroIsTheFileAlone() {
    SourceLine l = new SourceLine(null, 0, null);
    assertEquals("", l.file());
    assertEquals("", l.text());
    assertEquals("/etc/default/grub", new SourceLine("/etc/default/grub", 0, "x").location());
  }

  @Test
  void aBuiltInDefaultIsNotAFileLine() {
    SourceLine d = SourceLine.builtIn("Storage=auto");
    assertTrue(d.isBuiltIn());
    assertEquals("built-in default Storage=auto", d.toString());
    assertFalse(new SourceLine("/etc/systemd/journald.conf", 0, "Storage=auto").isBuiltIn());
  }
}
