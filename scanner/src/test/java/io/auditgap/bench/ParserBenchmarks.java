package io.auditgap.bench;

import io.auditgap.facts.audit.AuditRuleParser;
import io.auditgap.facts.audit.AuditStatement;
import io.auditgap.facts.audit.Machine;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.RsyslogParser;
import io.auditgap.facts.logging.SyslogIncludes;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.LogrotateParser;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parsers on large inputs built from the repository's real fixture files (Debian, RHEL, the
 * STIG rule set), so that a slowdown shows as a number: a 5,000-line audit rule set, a logrotate
 * tree of 200 files, a 2,000-line rsyslog configuration spread over includes. Run with {@code
 * bench/parsers/run.sh}; never part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmarks {
  static final Path TEST = Path.of("src/test");

  private static final Machine X86_64 = Machine.of("x86_64").orElseThrow();

  String auditRules;
  Map<String, String> logrotateFiles;
  SyslogIncludes rsyslog;

  @Setup
  public void inputs() {
    auditRules = auditRules(5_000);
    logrotateFiles = logrotateTree(200);
    rsyslog = rsyslogTree(2_000);
  }

  @Benchmark
  public List<AuditStatement> auditRules5000Lines() {
    return new AuditRuleParser(X86_64).parse("/etc/audit/audit.rules", auditRules);
  }

  @Benchmark
  public LogrotateConfig logrotate200Files() {
    return LogrotateParser.parse(
        "/etc/logrotate.conf",
        logrotateFiles.get("/etc/logrotate.conf"),
        LogrotateParser.of(logrotateFiles));
  }

  @Benchmark
  public RsyslogConfig rsyslog2000Lines() {
    return RsyslogParser.parse(rsyslog, "/etc/rsyslog.conf");
  }

  /** The STIG rule set of the fleet's hardened host, repeated for as many applications. */
  static String auditRules(int lines) {
    List<String> stig =
        read("fleet/hosts/hardened/etc/audit/rules.d/30-stig.rules")
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("-e"))
            .toList();
    StringBuilder sb = new StringBuilder("-D\n-b 8192\n-f 1\n");
    int n = 3;
    for (int copy = 0; n < lines; copy++) {
      for (String rule : stig) {
        if (n >= lines) {
          break;
        }
        // each copy watches its own application paths and keys, as per-application rules do
        sb.append(
            rule.replace("-k ", "-k app" + copy + "_").replace("/etc/", "/etc/app" + copy + "/"));
        sb.append('\n');
        n++;
      }
    }
    return sb.toString();
  }

  /** Debian's and RHEL's logrotate files, one per log of 200 services. */
  static Map<String, String> logrotateTree(int files) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("/etc/logrotate.conf", read("resources/fixtures/retention/debian12/logrotate.conf"));
    List<String> samples =
        List.of(
            read("resources/fixtures/retention/debian12/rsyslog"),
            read("resources/fixtures/retention/debian12/btmp"),
            read("resources/fixtures/retention/debian12/wtmp"),
            read("resources/fixtures/retention/rhel9/rsyslog"));
    for (int i = 0; i < files; i++) {
      String text = samples.get(i % samples.size()).replace("/var/log/", "/var/log/svc" + i + "/");
      m.put("/etc/logrotate.d/svc" + i, text);
    }
    return m;
  }

  /** Debian's rsyslog.conf plus drop-ins made from Ubuntu's and RHEL's rules. */
  static SyslogIncludes rsyslogTree(int lines) {
    SnapshotBuilder b =
        SnapshotBuilder.host("bench")
            .file("/etc/rsyslog.conf", read("resources/fixtures/forwarding/debian12/rsyslog.conf"));
    List<String> body =
        List.of(
                read("resources/fixtures/forwarding/ubuntu2204/50-default.conf"),
                read("resources/fixtures/forwarding/rhel9/rsyslog.conf"))
            .stream()
            .flatMap(String::lines)
            .filter(l -> !l.contains("$IncludeConfig") && !l.startsWith("include("))
            .toList();
    StringBuilder listing = new StringBuilder();
    int n = 0;
    for (int f = 0; n < lines; f++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 100 && n < lines; i++, n++) {
        text.append(body.get(n % body.size())).append('\n');
      }
      String name = String.format("%02d-bench.conf", f);
      listing.append("f\t").append(name).append('\n');
      b.file("/etc/rsyslog.d/" + name, text.toString());
    }
    b.dir("/etc/rsyslog.d", listing.toString());
    return new SyslogIncludes(b.build());
  }

  private static String read(String relative) {
    try {
      return Files.readString(TEST.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
