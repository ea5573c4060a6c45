package io.auditgap.facts.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file resolver against the real sshd: for every fixture case, what {@link SettingResolver}
 * derives from the files must equal what sshd 9.2 printed for them ({@code captured/}), globally
 * and for each probed user.
 */
class SshdDifferentialTest {
  static final Path ROOT = Path.of("src/test/resources/fixtures/sshd");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s
          .filter(p -> Files.isDirectory(p.resolve("captured")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static SshdConfig load(String name) throws IOException {
    Path etc = ROOT.resolve(name).resolve("etc/ssh");
    SshdConfigParserTest.Host h = new SshdConfigParserTest.Host();
    h.put("/etc/ssh/sshd_config", Files.readString(etc.resolve("sshd_config")));
    Path d = etc.resolve("sshd_config.d");
    if (Files.isDirectory(d)) {
      try (Stream<Path> s = Files.list(d)) {
        for (Path f : s.toList()) {
          h.put("/etc/ssh/sshd_config.d/" + f.getFileName(), Files.readString(f));
        }
      }
    }
    return SshdConfigParser.parse("/etc/ssh/sshd_config", h).value();
  }

  private static String canonical(String v) {
    String u = v.toUpperCase(Locale.ROOT);
    return u.equals("SILENT") ? "QUIET" : u.equals("DEBUG") ? "DEBUG1" : u;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filesGiveWhatSshdPrints(String name) throws IOException {
    Path cap = ROOT.resolve(name).resolve("captured");
    SshdDump dump =
        SshdDump.parse(
            Files.readString(cap.resolve("sshd-T.txt"), StandardCharsets.UTF_8),
            Integer.parseInt(Files.readString(cap.resolve("sshd-T.status")).strip()));
    SshdConfig config = load(name);
    if (!dump.complete()) {
      // sshd refused the file; the parser must see why (a global-only keyword inside Match)
      assertFalse(dump.messages().isEmpty());
      return;
    }
    for (String kw : List.of("loglevel", "syslogfacility", "usepam")) {
      assertEquals(
          canonical(dump.first(kw).get()),
          canonical(SettingResolver.global(config, kw).value().orElse("?")),
          name + " " + kw);
    }
    List<ConnectionProbe> probes =
        ConnectionProbe.parseAll(Files.readString(cap.resolve("sshd-T-C.txt")));
    assertTrue(!probes.isEmpty());
    for (ConnectionProbe p : probes) {
      assertEquals(
          canonical(p.dump().first("loglevel").get()),
          canonical(
              SettingResolver.forConnection(config, "loglevel", p.connection())
                  .value()
                  .orElse("?")),
          name + " user " + p.user());
    }
  }
}
