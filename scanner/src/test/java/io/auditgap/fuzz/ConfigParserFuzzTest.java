package io.auditgap.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.facts.SnapshotConfigFiles;
import io.auditgap.facts.audit.AuditRuleParser;
import io.auditgap.facts.audit.AuditStatement;
import io.auditgap.facts.audit.AuditStatus;
import io.auditgap.facts.audit.Machine;
import io.auditgap.facts.audit.RuleSet;
import io.auditgap.facts.audit.daemon.AuditdConf;
import io.auditgap.facts.audit.daemon.AuditdConfParser;
import io.auditgap.facts.audit.daemon.plugins.KeyValueConfig;
import io.auditgap.facts.kernel.BlsEntry;
import io.auditgap.facts.kernel.GrubEnv;
import io.auditgap.facts.kernel.KernelCmdline;
import io.auditgap.facts.kernel.ShellVariables;
import io.auditgap.facts.logging.AgentParsers;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.RsyslogParser;
import io.auditgap.facts.logging.SyslogIncludes;
import io.auditgap.facts.logging.SyslogNgConfig;
import io.auditgap.facts.logging.SyslogNgParser;
import io.auditgap.facts.pam.PamConfigSource;
import io.auditgap.facts.pam.PamFile;
import io.auditgap.facts.pam.PamFileParser;
import io.auditgap.facts.pam.PamStackResolver;
import io.auditgap.facts.retention.JournaldParser;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.LogrotateParser;
import io.auditgap.facts.sshd.SshdConfig;
import io.auditgap.facts.sshd.SshdConfigParser;
import io.auditgap.facts.sshd.SshdDump;
import io.auditgap.facts.sudo.SudoersParser;
import io.auditgap.facts.sudo.SudoersResolver;
import io.auditgap.facts.time.ChronyTracking;
import io.auditgap.facts.time.TimedatectlStatus;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every configuration parser on mutants of real files: it must return (never throw, never loop),
 * and every problem it reports must say where (the file, and the line where the parser has one).
 * Include directives are fuzzed too, against the file's own name, so loops and self-includes come
 * up. Tries per property: {@code jqwik.tries.default} (junit-platform.properties; raise it with
 * {@code -Djqwik.tries.default=N} for a long run, see docs/reliability.md).
 */
class ConfigParserFuzzTest {
  private static final Machine X86_64 = Machine.of("x86_64").orElseThrow();

  static void positioned(List<String> problems, String... files) {
    for (String p : problems) {
      boolean ok = false;
      for (String f : files) {
        ok |= p.startsWith(f);
      }
      assertTrue(ok, "problem without a position: " + p);
    }
  }

  private static HostSnapshot withDropIn(
      String main, String mainText, String dir, String name, String dropIn) {
    return SnapshotBuilder.host("fuzz")
        .file(main, mainText)
        .dir(dir, "f\t" + name + "\n")
        .file(dir + "/" + name, dropIn)
        .build();
  }

  // ---------------------------------------------------------------- sshd

  @Provide
  Arbitrary<String> sshd() {
    return Mutator.of(
        Corpus.seeds(
            "sshd",
            "resources/fixtures/sshd/*/etc/ssh/**",
            "resources/fixtures/pam/*/sshd_config"));
  }

  @Property
  void sshdConfig(@ForAll("sshd") String main, @ForAll("sshd") String dropIn) {
    HostSnapshot s =
        withDropIn("/etc/ssh/sshd_config", main, "/etc/ssh/sshd_config.d", "50-x.conf", dropIn);
    var c = SshdConfigParser.parse("/etc/ssh/sshd_config", new SnapshotConfigFiles(s));
    assertNotNull(c);
    SshdConfig single = SshdConfigParser.parseText("/etc/ssh/sshd_config", main);
    single.problems().forEach(p -> assertNotNull(p.at().file(), p.message()));
  }

  @Provide
  Arbitrary<String> sshdDump() {
    return Mutator.of(Corpus.seeds("sshd-T", "resources/fixtures/sshd/*/captured/sshd-T*.txt"));
  }

  @Property
  void sshdEffectiveDump(@ForAll("sshdDump") String text) {
    assertNotNull(SshdDump.parse(text, 0));
  }

  // ---------------------------------------------------------------- PAM

  @Provide
  Arbitrary<String> pam() {
    return Mutator.of(
        Corpus.seeds(
            "pam",
            "resources/fixtures/pam/*/{sshd,common-session,system-auth,password-auth,postlogin,sudo,other}",
            "fleet/hosts/*/etc/pam.d/*"));
  }

  @Property
  void pamFileAndStack(@ForAll("pam") String sshd, @ForAll("pam") String common) {
    PamFile f = PamFileParser.parse("/etc/pam.d/sshd", sshd);
    positioned(f.problems(), "/etc/pam.d/sshd");
    HostSnapshot s =
        SnapshotBuilder.host("fuzz")
            .dir("/etc/pam.d", "f\tsshd\nf\tcommon-session\n")
            .file("/etc/pam.d/sshd", sshd)
            .file("/etc/pam.d/common-session", common)
            .build();
    for (String type : List.of("session", "auth", "account")) {
      var stack = new PamStackResolver(new PamConfigSource(s)).resolve("sshd", type);
      assertNotNull(stack);
      if (stack.isSeen()) {
        positioned(stack.value().problems(), "/etc/pam.d/", "/usr/lib/pam.d/");
      }
    }
  }

  // ---------------------------------------------------------------- sudo

  @Provide
  Arbitrary<String> sudoers() {
    return Mutator.of(
        Corpus.seeds(
            "sudoers",
            "resources/fixtures/sudo/*/sudoers",
            "fleet/hosts/*/etc/sudoers*",
            "fleet/hosts/*/etc/sudoers.d/*"));
  }

  @Property
  void sudoers(@ForAll("sudoers") String main, @ForAll("sudoers") String dropIn) {
    SudoersParser.Parsed p = SudoersParser.parse("/etc/sudoers", main);
    positioned(p.problems(), "/etc/sudoers");
    HostSnapshot s = withDropIn("/etc/sudoers", main, "/etc/sudoers.d", "10-x", dropIn);
    assertNotNull(SudoersResolver.resolve(s));
  }

  // ---------------------------------------------------------------- audit

  @Provide
  Arbitrary<String> auditRules() {
    return Mutator.of(
        Corpus.seeds(
            "audit-rules",
            "resources/audit/**.rules",
            "resources/audit/cases/**",
            "fleet/hosts/*/etc/audit/rules.d/*.rules",
            "fleet/hosts/*/captured/auditctl-l.txt"));
  }

  @Property
  void auditRules(@ForAll("auditRules") String text) {
    List<AuditStatement> st = new AuditRuleParser(X86_64).parse("/etc/audit/rules.d/x.rules", text);
    assertNotNull(RuleSet.load(st));
  }

  @Provide
  Arbitrary<String> auditdConf() {
    return Mutator.of(
        Corpus.seeds(
            "auditd-conf",
            "resources/fixtures/auditd/*.conf",
            "fleet/hosts/*/etc/audit/auditd.conf",
            "fleet/hosts/*/etc/audit/plugins.d/*.conf",
            "resources/fixtures/forwarding/debian12/au*.conf"));
  }

  @Property
  void auditdConfAndPlugins(@ForAll("auditdConf") String text) {
    AuditdConf c = AuditdConfParser.parse("/etc/audit/auditd.conf", text);
    c.problems()
        .forEach(p -> assertTrue(p.at().line() >= 0 && p.at().file() != null, p.toString()));
    KeyValueConfig kv = KeyValueConfig.parse("/etc/audit/plugins.d/x.conf", text);
    positioned(kv.problems(), "/etc/audit/plugins.d/x.conf");
  }

  @Provide
  Arbitrary<String> auditStatus() {
    return Mutator.of(Corpus.seeds("auditctl-s", "fleet/hosts/*/captured/auditctl-s.txt"));
  }

  @Property
  void auditStatus(@ForAll("auditStatus") String text) {
    assertNotNull(AuditStatus.parse(text));
  }

  // ---------------------------------------------------------------- logging

  @Provide
  Arbitrary<String> rsyslog() {
    return Mutator.of(
        Corpus.seeds(
            "rsyslog",
            "resources/fixtures/forwarding/*/{rsyslog.conf,50-default.conf}",
            "resources/fixtures/logs/rsyslog.conf-debian12",
            "fleet/hosts/*/etc/rsyslog.conf",
            "fleet/hosts/*/etc/rsyslog.d/*.conf"));
  }

  @Property
  void rsyslog(@ForAll("rsyslog") String main, @ForAll("rsyslog") String dropIn) {
    HostSnapshot s =
        withDropIn("/etc/rsyslog.conf", main, "/etc/rsyslog.d", "50-default.conf", dropIn);
    RsyslogConfig c = RsyslogParser.parse(new SyslogIncludes(s), "/etc/rsyslog.conf");
    positioned(c.problems(), "/etc/rsyslog");
  }

  @Provide
  Arbitrary<String> syslogNg() {
    return Mutator.of(Corpus.seeds("syslog-ng", "resources/fixtures/forwarding/*/syslog-ng.conf"));
  }

  @Property
  void syslogNg(@ForAll("syslogNg") String main, @ForAll("syslogNg") String dropIn) {
    HostSnapshot s =
        withDropIn(
            "/etc/syslog-ng/syslog-ng.conf", main, "/etc/syslog-ng/conf.d", "x.conf", dropIn);
    SyslogNgConfig c = SyslogNgParser.parse(new SyslogIncludes(s), "/etc/syslog-ng/syslog-ng.conf");
    positioned(c.problems(), "/etc/syslog-ng/");
  }

  @Provide
  Arbitrary<String> agents() {
    return Mutator.of(
        Corpus.seeds(
            "agents",
            "resources/fixtures/forwarding/wazuh/*",
            "resources/fixtures/forwarding/debian12/journal-upload.conf"));
  }

  @Property
  void forwardingAgents(@ForAll("agents") String text) {
    assertNotNull(AgentParsers.wazuh("/var/ossec/etc/ossec.conf", text));
    assertNotNull(AgentParsers.vector("/etc/vector/vector.yaml", text));
    assertNotNull(AgentParsers.fluentBit("fluent-bit", "/etc/fluent-bit/fluent-bit.conf", text));
  }

  // ---------------------------------------------------------------- retention

  @Provide
  Arbitrary<String> logrotate() {
    return Mutator.of(
        Corpus.seeds(
            "logrotate",
            "resources/fixtures/retention/*/{logrotate.conf,rsyslog,btmp,wtmp}",
            "fleet/hosts/*/etc/logrotate.conf",
            "fleet/hosts/*/etc/logrotate.d/*"));
  }

  @Property
  void logrotate(@ForAll("logrotate") String main, @ForAll("logrotate") String dropIn) {
    LogrotateConfig c =
        LogrotateParser.parse(
            "/etc/logrotate.conf",
            main,
            LogrotateParser.of(
                Map.of("/etc/logrotate.conf", main, "/etc/logrotate.d/rsyslog", dropIn)));
    c.problems()
        .forEach(p -> assertTrue(p.at().file() != null && p.at().line() >= 0, p.toString()));
  }

  @Provide
  Arbitrary<String> journald() {
    return Mutator.of(
        Corpus.seeds(
            "journald",
            "resources/fixtures/retention/*/journald.conf",
            "fleet/hosts/*/etc/systemd/journald.conf.d/*.conf"));
  }

  @Property
  void journald(@ForAll("journald") String main, @ForAll("journald") String dropIn) {
    assertNotNull(
        JournaldParser.parse(
            "/etc/systemd/journald.conf",
            main,
            List.of(
                new JournaldParser.DropIn(
                    "/etc/systemd/journald.conf.d", "60-x.conf", Optional.of(dropIn)))));
  }

  // ---------------------------------------------------------------- kernel and time

  @Provide
  Arbitrary<String> kernel() {
    return Mutator.of(
        Corpus.seeds(
            "kernel",
            "resources/fixtures/kernel/*/*",
            "fleet/hosts/*/etc/default/grub",
            "fleet/hosts/*/standin/cmdline"));
  }

  @Property
  void kernelBootConfiguration(@ForAll("kernel") String text) {
    Map<String, String> env = GrubEnv.parse(text);
    assertNotNull(KernelCmdline.parse(text));
    assertNotNull(BlsEntry.parse("/boot/loader/entries/x.conf", text, env));
    ShellVariables v =
        ShellVariables.evaluate(List.of(new ShellVariables.Source("/etc/default/grub", text)));
    assertNotNull(v.problems());
  }

  @Provide
  Arbitrary<String> time() {
    return Mutator.of(Corpus.seeds("time", "resources/fixtures/time/*.txt"));
  }

  @Property
  void timeSync(@ForAll("time") String text) {
    assertNotNull(ChronyTracking.parse(text));
    assertNotNull(TimedatectlStatus.parse(text));
  }
}
