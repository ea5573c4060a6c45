package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FnmatchTest {
  @Test
  void globsAsFnmatchWithoutFlags() {
    assertTrue(Fnmatch.matches("*", "alice"));
    assertTrue(Fnmatch.matches("*", ""));
    assertTrue(Fnmatch.matches("adm*", "admin"));
    assertFalse(Fnmatch.matches("adm*", "root"));
    assertTrue(Fnmatch.matches("?ob", "bob"));
    assertTrue(Fnmatch.matches("[a-c]*", "carol"));
    assertFalse(Fnmatch.matches("[!a-c]*", "carol"));
    assertTrue(Fnmatch.matches("gdm*", "gdm-password"));
    assertTrue(Fnmatch.matches("a\\*", "a*"));
    assertFalse(Fnmatch.matches("a\\*", "ab"));
    // no uid ranges in pam_tty_audit: "1000:60000" is just a name pattern
    assertFalse(Fnmatch.matches("1000:60000", "alice"));
    assertTrue(Fnmatch.matches("*a*b*c*d*e*", "xaxbxcxdxex"));
  }
}
