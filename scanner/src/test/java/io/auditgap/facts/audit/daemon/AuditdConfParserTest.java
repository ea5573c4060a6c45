package io.auditgap.facts.audit.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expectation below was observed by running auditd 3.0.9 on the same text (SOURCES.md). */
class AuditdConfParserTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/auditd");
  static final String L = "log_file = /var/log/audit/audit.log\n";

  static String fixture(String name) throws IOException {
    return Files.readString(FIXTURES.resolve(name));
  }

  private static AuditdConf parse(String text) {
    return AuditdConfParser.parse("/etc/audit/auditd.conf", text);
  }

  @Test
  void debianShippedFileIsAcceptedWithItsValues() throws IOException {
    AuditdConf c = parse(fixture("debian12-auditd-3.0.9.conf"));
    assertFalse(c.fatal(), c.problems().toString());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    assertEquals("ROTATE", c.setting("max_log_file_action").value());
    assertEquals("rotate", c.setting("max_log_file_action").normalized());
    assertEquals(17, c.setting("max_log_file_action").directive().at().line());
    assertEquals("8", c.setting("max_log_file").value());
    assertEquals("SUSPEND", c.setting("disk_full_action").value());
  }

  @Test
  void lastOccurrenceWinsAndRemembersWhatItOverrode() {
    AuditdConf c = parse(L + "space_left = 75\nnum_logs = 5\nnum_logs = 20\n");
    AuditdSetting s = c.setting("num_logs");
    assertEquals("20", s.value());
    assertEquals(4, s.directive().at().line());
    assertEquals(1, s.overridden().size());
    assertEquals(3, s.overridden().get(0).at().line());
  }

  @Test
  void keysAndValuesAreCaseInsensitive() {
    AuditdConf c = parse(L + "SPACE_LEFT = 25%\nMax_Log_File_Action = Keep_Logs\n");
    assertFalse(c.fatal(), c.problems().toString());
    assertEquals("keep_logs", c.setting("max_log_file_action").normalized());
  }

  @Test
  void absentKeysTakeCompiledInDefaults() {
    AuditdConf c = parse(L + "space_left = 75\n");
    AuditdSetting a = c.setting("max_log_file_action");
    assertTrue(a.isDefault());
    assertEquals("ignore", a.value());
    assertEquals("syslog", c.setting("disk_error_action").value());
    assertEquals("enriched", c.setting("log_format").value());
    assertEquals("0", c.setting("num_logs").value());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no spaces around = | max_log_file=8 | no spaces around",
        "no space after = | max_log_file= 8 | no spaces around",
        "no space before = | max_log_file =8 | missing equal sign",
        "tabs | num_logs\t=\t5 | no spaces around",
        "trailing comment | log_format = ENRICHED # RAW / ENRICHED | no trailing comments",
        "unknown keyword | max_log_files = 8 | unknown keyword",
        "unit suffix | max_log_file = 8M | plain number",
        "negative | num_logs = -1 | plain number",
        "too many logs | num_logs = 1000 | 999 or less",
        "bad action | space_left_action = mail | not valid",
        "exec without path | space_left_action = exec | needs the path",
        "option on plain key | num_logs = 5 6 | extra token",
        "empty value | name = | no value",
      })
  void fatalLinesStopAuditd(String label, String line, String message) {
    AuditdConf c = parse(L + "space_left = 75\n" + line + "\nnum_logs = 3\n");
    assertTrue(c.fatal(), label);
    ConfigProblem p = c.problems().get(0);
    assertEquals(3, p.at().line(), label);
    assertTrue(p.message().toLowerCase().contains(message), p.message());
    assertTrue(
        c.directives().stream().noneMatch(d -> d.at().line() == 4),
        "auditd stops at the bad line: " + label);
  }

  @Test
  void crlfLineEndsBreakNumbers() {
    AuditdConf c = parse("log_file = /var/log/audit/audit.log\r\nspace_left = 75\r\n");
    assertTrue(c.fatal());
  }

  @Test
  void aCommentIndentedWithATabIsFatal() {
    AuditdConf c = parse(L + "space_left = 75\n\t# a comment\n");
    assertTrue(c.fatal());
    assertEquals(3, c.problems().get(0).at().line());
  }

  @Test
  void indentationWithSpacesIsFine() {
    assertFalse(parse(L + "   space_left = 75\n   # note\n").fatal());
  }

  @Test
  void spaceLeftMustExceedAdminSpaceLeftWhenBothAbsolute() {
    AuditdConf onlyLogFile = parse(L);
    assertTrue(onlyLogFile.fatal(), "0 <= 0 with both defaults");
    assertTrue(parse(L + "space_left = 50\nadmin_space_left = 75\n").fatal());
    assertFalse(
        parse(L + "space_left = 5%\nadmin_space_left = 25%\n").fatal(), "percentages skip it");
    assertFalse(parse(L + "space_left = 75\nadmin_space_left = 50\n").fatal());
    assertFalse(parse("").fatal(), "an empty file skips the sanity check");
  }

  @Test
  void overlongLinesAndAMissingFinalNewlineAreSkippedNotFatal() {
    String longLine = "num_logs = 5" + " ".repeat(150);
    AuditdConf c = parse(L + "space_left = 75\n" + longLine + "\n");
    assertFalse(c.fatal());
    assertEquals(1, c.problems().size());
    assertEquals("0", c.setting("num_logs").value(), "the directive on the long line is lost");
    String ok158 = "#" + "x".repeat(157);
    assertTrue(parse(L + "space_left = 75\n" + ok158 + "\n").problems().isEmpty());
    AuditdConf noNewline = parse(L + "space_left = 75\nnum_logs = 9");
    assertEquals("0", noNewline.setting("num_logs").value());
    assertTrue(noNewline.problems().get(0).message().contains("no newline"));
  }

  @Test
  void hostileInputNeverThrows() {
    for (String s :
        List.of("", "\n\n", "=", " = = = = ", "\u0000\u0001", "a = b = c", "x".repeat(10000))) {
      AuditdConf c = parse(s);
      assertTrue(c.problems() != null);
    }
    assertNull(AuditdValues.check("space_left", "25%", null));
  }
}
