package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PamFileParserTest {
  private static final String ALPHABET = "[]\\ \t\n#-=@abcsession";

  @Test
  void debianSshdSessionLinesIncludesAndMidLineComments() {
    PamFile f = PamFileParser.parse("/etc/pam.d/sshd", PamFixtures.read("pam/debian12/sshd"));
    assertTrue(f.problems().isEmpty(), f.problems().toString());
    PamRule include =
        f.rules().stream()
            .filter(r -> r.module().equals("common-session"))
            .findFirst()
            .orElseThrow();
    assertEquals("@include", include.type());
    assertTrue(include.isInclude());
    PamRule selinux =
        f.rules().stream().filter(r -> r.isModule("pam_selinux.so")).findFirst().orElseThrow();
    assertTrue(selinux.bracket());
    assertEquals("success=ok ignore=ignore module_unknown=ignore default=bad", selinux.control());
    assertEquals(List.of("close"), selinux.args());
    // "session optional pam_mail.so standard noenv # [1]": libpam cuts at the first '#'
    PamRule mail =
        f.rules().stream().filter(r -> r.isModule("pam_mail.so")).findFirst().orElseThrow();
    assertEquals(List.of("standard", "noenv"), mail.args());
    PamRule loginuid =
        f.rules().stream().filter(r -> r.isModule("pam_loginuid.so")).findFirst().orElseThrow();
    assertEquals("required", loginuid.control());
    assertEquals(22, loginuid.at().line());
    // the commented-out pam_access line is not a rule
    assertTrue(f.rules().stream().noneMatch(r -> r.isModule("pam_access.so")));
  }

  @Test
  void dashPrefixContinuationAndBracketArguments() {
    PamFile f =
        PamFileParser.parse(
            "/x",
            "-session optional pam_systemd.so\n"
                + "session required pam_tty_audit.so \\\n  enable=* [log passwd]\n"
                + "SESSION Required /lib/security/pam_loginuid.so\n");
    assertEquals(3, f.rules().size());
    assertTrue(f.rules().get(0).dashed());
    assertEquals("session", f.rules().get(0).type());
    assertEquals(List.of("enable=*", "log passwd"), f.rules().get(1).args());
    assertEquals(2, f.rules().get(1).at().line());
    assertEquals("required", f.rules().get(2).control());
    assertTrue(f.rules().get(2).isModule("pam_loginuid.so"));
  }

  @Test
  void unknownTypeAndIncompleteLinesAreProblemsNotRules() {
    PamFile f =
        PamFileParser.parse("/x", "sesion required pam_tty_audit.so enable=*\nsession required\n");
    assertTrue(f.rules().isEmpty());
    assertEquals(2, f.problems().size());
    assertTrue(f.problems().get(0).startsWith("/x:1:"), f.problems().get(0));
  }

  @Test
  void hostileInputNeverThrows() {
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      char[] c = new char[r.nextInt(200)];
      for (int j = 0; j < c.length; j++) {
        c[j] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
      }
      PamFile f = PamFileParser.parse("/fuzz", new String(c));
      assertFalse(f == null);
    }
  }
}
