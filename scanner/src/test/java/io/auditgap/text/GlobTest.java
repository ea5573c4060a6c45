package io.auditgap.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** One matcher, the dialects of the files and inputs it reads. */
class GlobTest {
  @Test
  void globsAsFnmatchWithoutFlags() {
    assertTrue(fnmatch("*", "alice"));
    assertTrue(fnmatch("*", ""));
    assertTrue(fnmatch("adm*", "admin"));
    assertFalse(fnmatch("adm*", "root"));
    assertTrue(fnmatch("?ob", "bob"));
    assertTrue(fnmatch("[a-c]*", "carol"));
    assertFalse(fnmatch("[!a-c]*", "carol"));
    assertTrue(fnmatch("gdm*", "gdm-password"));
    assertTrue(fnmatch("a\\*", "a*"));
    assertFalse(fnmatch("a\\*", "ab"));
    // no uid ranges in pam_tty_audit: "1000:60000" is just a name pattern
    assertFalse(fnmatch("1000:60000", "alice"));
    assertTrue(fnmatch("*a*b*c*d*e*", "xaxbxcxdxex"));
  }

  private static boolean fnmatch(String pattern, String text) {
    return Glob.matches(pattern, text, Glob.FNMATCH);
  }

  @Test
  void fileNamesAsGlob3MatchesThemForAnInclude() {
    assertTrue(Glob.matches("*.conf", "50-cloud-init.conf", Glob.FILE_NAME));
    assertFalse(Glob.matches("*.conf", ".x.conf", Glob.FILE_NAME));
    assertTrue(Glob.matches(".*.conf", ".x.conf", Glob.FILE_NAME));
    // a backslash is a plain character in a file name pattern, a quote in fnmatch
    assertTrue(Glob.matches("a\\b", "a\\b", Glob.FILE_NAME));
    assertTrue(Glob.matches("[]a]", "]", Glob.FILE_NAME));
    assertTrue(Glob.matches("[!]a]", "b", Glob.FILE_NAME));
    assertFalse(Glob.matches("[!]a]", "]", Glob.FILE_NAME));
    assertTrue(Glob.matches("a[", "a[", Glob.FILE_NAME));
  }

  @Test
  void includeGlobsNeverCrossASlash() {
    assertTrue(Glob.matches("*.conf", "a.conf", Glob.INCLUDE));
    assertFalse(Glob.matches("*.conf", "d/a.conf", Glob.INCLUDE));
    assertFalse(Glob.matches("?", "/", Glob.INCLUDE));
    assertTrue(Glob.matches("*.conf", "d/a.conf", Glob.FNMATCH));
  }

  @Test
  void wildcardsAloneTakeBracketsLiterally() {
    assertTrue(Glob.matches("web-*", "web-1", Glob.WILDCARDS));
    assertFalse(Glob.matches("web-[12]", "web-1", Glob.WILDCARDS));
    assertTrue(Glob.matches("web-[12]", "web-[12]", Glob.WILDCARDS));
    assertFalse(Glob.matches("Web-*", "web-1", Glob.WILDCARDS));
    assertTrue(Glob.matches("Web-*", "web-1", Set.of(Glob.Flag.IGNORE_CASE)));
    assertFalse(Glob.matches("*a*a*a*a*a*a*a*a*a*b", "a".repeat(200), Glob.WILDCARDS));
  }
}
