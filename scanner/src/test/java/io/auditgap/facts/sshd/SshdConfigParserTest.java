package io.auditgap.facts.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.ConfigFiles;
import io.auditgap.facts.Observed;
import io.auditgap.text.Glob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser and resolver on the cases sshd 9.2 was seen to handle (each expectation here was
 * checked with real {@code sshd -T} on this layout; the fixture cases in {@link
 * SshdDifferentialTest} compare whole files against captured output).
 */
class SshdConfigParserTest {

  /** An in-memory host: files by path, directories listed from the file paths. */
  static final class Host implements ConfigFiles {
    final Map<String, String> files = new HashMap<>();
    final Map<String, String> unreadable = new HashMap<>();

    Host put(String path, String text) {
      files.put(path, text);
      return this;
    }

    @Override
    public Observed<Optional<String>> read(String path) {
      if (unreadable.containsKey(path)) {
        return Observed.unseen(unreadable.get(path));
      }
      return Observed.seen(Optional.ofNullable(files.get(path)));
    }

    @Override
    public Observed<List<String>> list(String dir) {
      if (unreadable.containsKey(dir)) {
        return Observed.unseen(unreadable.get(dir));
      }
      return Observed.seen(
          files.keySet().stream()
              .filter(p -> p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
              .map(p -> p.substring(dir.length() + 1))
              .toList());
    }
  }

  private static SshdConfig parse(Host h) {
    Observed<SshdConfig> c = SshdConfigParser.parse("/etc/ssh/sshd_config", h);
    assertTrue(c.isSeen());
    return c.value();
  }

  private static String global(Host h, String kw) {
    return SettingResolver.global(parse(h), kw).value().orElse("?");
  }

  @Test
  void tokenizerFollowsSshd() {
    assertEquals(
        List.of("LogLevel", "VERBOSE"), SshdConfigParser.tokenize("LogLevel=VERBOSE # why"));
    assertEquals(
        List.of("SyslogFacility", "LOCAL7"), SshdConfigParser.tokenize("SyslogFacility = LOCAL7"));
    assertEquals(
        List.of("loglevel", "verbose"), SshdConfigParser.tokenize("  \tloglevel \"verbose\"  "));
    assertEquals(
        List.of("Include", "/etc/ssh/a b/*.conf"),
        SshdConfigParser.tokenize("Include \"/etc/ssh/a b/*.conf\""));
    assertEquals(List.of(), SshdConfigParser.tokenize("   # LogLevel DEBUG"));
    assertEquals(List.of("LogLevel", "VERBOSE#x"), SshdConfigParser.tokenize("LogLevel VERBOSE#x"));
  }

  @Test
  void unterminatedQuoteIsAProblemWithItsLine() {
    SshdConfig c =
        SshdConfigParser.parseText("/etc/ssh/sshd_config", "UsePAM yes\nLogLevel \"VERBOSE\n");
    assertEquals(1, c.problems().size());
    assertEquals(2, c.problems().get(0).at().line());
  }

  @Test
  void firstValueWinsAndKeywordsAreCaseInsensitive() {
    Host h = new Host().put("/etc/ssh/sshd_config", "loglevel INFO\nLOGLEVEL VERBOSE\n");
    ResolvedSetting r = SettingResolver.global(parse(h), "loglevel");
    assertEquals("INFO", r.value().get());
    assertEquals(1, r.winner().source().line());
    assertEquals(2, r.ignored().get(0).source().line());
  }

  @Test
  void dropInsAreReadInByteOrderAtTheIncludeLine() {
    Host h =
        new Host()
            .put("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nLogLevel ERROR\n")
            .put("/etc/ssh/sshd_config.d/9-late.conf", "LogLevel DEBUG\n")
            .put("/etc/ssh/sshd_config.d/10-early.conf", "LogLevel VERBOSE\n")
            .put("/etc/ssh/sshd_config.d/.hidden.conf", "LogLevel QUIET\n")
            .put("/etc/ssh/sshd_config.d/00-skip.conf.bak", "LogLevel FATAL\n");
    SshdConfig c = parse(h);
    assertEquals(
        List.of(
            "/etc/ssh/sshd_config",
            "/etc/ssh/sshd_config.d/10-early.conf",
            "/etc/ssh/sshd_config.d/9-late.conf"),
        c.files());
    assertEquals("VERBOSE", global(h, "loglevel"));
  }

  @Test
  void relativeIncludeIsUnderEtcSsh() {
    Host h =
        new Host()
            .put("/etc/ssh/sshd_config", "Include local.conf\n")
            .put("/etc/ssh/local.conf", "SyslogFacility AUTHPRIV\n");
    assertEquals("AUTHPRIV", global(h, "syslogfacility"));
  }

  @Test
  void matchBlockEndsWithTheIncludedFile() {
    // sshd 9.2: a Match at the end of a drop-in does not swallow the main file's later lines
    Host h =
        new Host()
            .put("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nLogLevel ERROR\n")
            .put("/etc/ssh/sshd_config.d/10-match.conf", "Match User backup\n  X11Forwarding no\n");
    assertEquals("ERROR", global(h, "loglevel"));
  }

  @Test
  void matchAllOverridesTheGlobalValueEvenWhenLater() {
    // sshd 9.2 prints loglevel INFO for this (fixture match-all-late)
    Host h =
        new Host().put("/etc/ssh/sshd_config", "LogLevel VERBOSE\nMatch all\n  LogLevel INFO\n");
    assertEquals("INFO", global(h, "loglevel"));
    assertEquals(
        "INFO",
        SettingResolver.forConnection(parse(h), "loglevel", Connection.genericRemote("alice"))
            .value()
            .get());
  }

  @Test
  void includeInsideMatchAppliesOnlyToMatchingUsers() {
    Host h =
        new Host()
            .put(
                "/etc/ssh/sshd_config",
                "LogLevel VERBOSE\nMatch User bob\n  Include /etc/ssh/sshd_config.d/*.conf\n")
            .put("/etc/ssh/sshd_config.d/a.conf", "LogLevel DEBUG\n");
    SshdConfig c = parse(h);
    assertEquals("VERBOSE", SettingResolver.global(c, "loglevel").value().get());
    assertEquals(
        "DEBUG",
        SettingResolver.forConnection(c, "loglevel", Connection.genericRemote("bob"))
            .value()
            .get());
    assertEquals(
        "VERBOSE",
        SettingResolver.forConnection(c, "loglevel", Connection.genericRemote("alice"))
            .value()
            .get());
  }

  @Test
  void matchPatternsNegationAndCidr() {
    Host h =
        new Host()
            .put(
                "/etc/ssh/sshd_config",
                "LogLevel VERBOSE\nMatch User a*,!admin Address 203.0.113.0/24\n  LogLevel QUIET\n");
    SshdConfig c = parse(h);
    assertEquals(
        "QUIET",
        SettingResolver.forConnection(c, "loglevel", Connection.genericRemote("alice"))
            .value()
            .get());
    assertEquals(
        "VERBOSE",
        SettingResolver.forConnection(c, "loglevel", Connection.genericRemote("admin"))
            .value()
            .get());
    assertFalse(MatchEvaluator.inCidr("203.0.114.1", "203.0.113.0/24"));
  }

  @Test
  void groupCriterionIsUndecidedNotGuessed() {
    Host h =
        new Host()
            .put(
                "/etc/ssh/sshd_config",
                "LogLevel VERBOSE\nMatch Group sftponly\n  LogLevel QUIET\n");
    ResolvedSetting r =
        SettingResolver.forConnection(parse(h), "loglevel", Connection.genericRemote("alice"));
    assertEquals("VERBOSE", r.value().get());
    assertEquals(1, r.mayApply().size());
  }

  @Test
  void unreadIncludeBeforeTheValueMakesItUnresolved() {
    Host h = new Host().put("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n");
    h.unreadable.put("/etc/ssh/sshd_config.d", "permission denied");
    ResolvedSetting r = SettingResolver.global(parse(h), "loglevel");
    assertTrue(r.value().isEmpty());
    assertNotNull(r.unresolved());
  }

  @Test
  void unreadIncludeAfterTheValueDoesNotMatter() {
    Host h =
        new Host().put("/etc/ssh/sshd_config", "LogLevel VERBOSE\nInclude /etc/ssh/other/*.conf\n");
    h.unreadable.put("/etc/ssh/other", "not collected");
    assertEquals("VERBOSE", global(h, "loglevel"));
  }

  @Test
  void missingPlainIncludeIsIgnoredLikeSshd() {
    Host h =
        new Host()
            .put(
                "/etc/ssh/sshd_config",
                "Include /etc/crypto-policies/back-ends/opensshserver.config\nUsePAM yes\n");
    assertEquals("yes", global(h, "usepam"));
  }

  @Test
  void selfIncludeStopsAtSshdsDepthLimit() {
    Host h = new Host().put("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config\n");
    SshdConfig c = parse(h);
    assertTrue(c.problems().stream().anyMatch(p -> p.message().contains("too deep")));
  }

  @Test
  void includeFanOutStopsAtTheReadBudgetAndLeavesTheValueUnresolved() {
    // a.conf includes itself three times: 3^16 reads within the depth limit without a budget
    String threeTimes = "Include /etc/ssh/a.conf /etc/ssh/a.conf /etc/ssh/a.conf\n";
    Host h =
        new Host()
            .put("/etc/ssh/sshd_config", "Include /etc/ssh/a.conf\nLogLevel VERBOSE\n")
            .put("/etc/ssh/a.conf", threeTimes);
    SshdConfig c = parse(h);
    assertEquals(SshdConfigParser.MAX_READS, c.files().size() - 1);
    assertTrue(
        c.entries().stream()
            .anyMatch(
                e ->
                    e instanceof UnreadInclude u
                        && u.reason().contains("more than 1000 file reads")));
    ResolvedSetting r = SettingResolver.global(c, "loglevel");
    assertTrue(r.value().isEmpty(), "a value after an unfollowed Include is not known");
    assertNotNull(r.unresolved());
  }

  @Test
  void defaultsWhenNothingIsSet() {
    Host h = new Host().put("/etc/ssh/sshd_config", "# nothing\n");
    ResolvedSetting r = SettingResolver.global(parse(h), "usepam");
    assertTrue(r.isDefault());
    assertEquals("no", r.value().get());
  }

  @Test
  void hostileInputNeverThrows() {
    Random rnd = new Random(42);
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 200; j++) {
        sb.append("Match\"'= \t\n#*?[]!,/Include".charAt(rnd.nextInt(26)));
        if (rnd.nextInt(10) == 0) {
          sb.append((char) rnd.nextInt(0x3000));
        }
      }
      Host h = new Host().put("/etc/ssh/sshd_config", sb.toString());
      SshdConfig c = parse(h);
      SettingResolver.global(c, "loglevel");
      SettingResolver.forConnection(c, "loglevel", Connection.genericRemote("a"));
    }
  }

  @Test
  void globMatchesLikeGlob3() {
    assertTrue(Glob.matches("*.conf", "50-cloud-init.conf", Glob.FILE_NAME));
    assertFalse(Glob.matches("*.conf", "50-cloud-init.conf.dpkg-old", Glob.FILE_NAME));
    assertFalse(Glob.matches("*.conf", ".x.conf", Glob.FILE_NAME));
    assertTrue(Glob.matches("[0-4]?-*.conf", "40-cis.conf", Glob.FILE_NAME));
    assertFalse(Glob.matches("[!0-4]*", "40-cis.conf", Glob.FILE_NAME));
    assertFalse(Glob.matches("*a*a*a*a*a*a*a*a*a*b", "a".repeat(200), Glob.FILE_NAME));
  }
}
