package io.auditgap.report;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Realistic results: the fleet of the integration tests (debian-stock, debian-auditd, hardened,
 * tricky, drift, nosudo) with the real check ids and metadata from {@code checks/auditd.yaml}, and
 * synthetic fleets of any size for the size tests and the benchmark.
 */
final class FleetFixtures {
  static final Instant STARTED = Instant.parse("2026-03-02T08:30:00Z");
  static final Instant FINISHED = Instant.parse("2026-03-02T08:31:07.250Z");

  private FleetFixtures() {}

  /** A check definition from the catalog. */
  record Check(
      String id,
      String title,
      Severity severity,
      String remediation,
      Map<String, List<String>> references) {}

  /** The checks of {@code checks/auditd.yaml}, in file order. */
  static List<Check> catalog() {
    Path file = Path.of("..", "checks", "auditd.yaml");
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      List<Check> out = new ArrayList<>();
      for (Object o : (List<?>) root.get("checks")) {
        Map<?, ?> m = (Map<?, ?>) o;
        Map<String, List<String>> refs = new LinkedHashMap<>();
        Object r = m.get("references");
        if (r instanceof Map<?, ?> rm) {
          for (Map.Entry<?, ?> e : rm.entrySet()) {
            List<String> ids = new ArrayList<>();
            for (Object id : (List<?>) e.getValue()) {
              ids.add(String.valueOf(id));
            }
            refs.put(String.valueOf(e.getKey()), ids);
          }
        }
        out.add(
            new Check(
                (String) m.get("id"),
                (String) m.get("title"),
                Severity.parse((String) m.get("severity")),
                String.valueOf(m.get("remediation")).strip(),
                refs));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Check check(String id) {
    for (Check c : catalog()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(id);
  }

  static Finding finding(Check c, Status st, String reason, Evidence... evidence) {
    return new Finding(
        c.id(),
        c.title(),
        c.severity(),
        st,
        reason,
        List.of(evidence),
        c.remediation(),
        c.references());
  }

  static Finding f(String id, Status st, String reason, Evidence... evidence) {
    return finding(check(id), st, reason, evidence);
  }

  static final String RULES = "/etc/audit/rules.d/audit.rules";
  static final String EXECVE =
      "-a always,exit -F arch=b64 -S execve,execveat -F auid>=1000 -F auid!=unset -k exec";

  /** The integration-test fleet as it scans, plus one unreachable and one untrusted host. */
  static ScanResult fleet() {
    List<HostResult> hosts = new ArrayList<>();
    hosts.add(
        host(
            "debian-stock",
            "10.20.0.11",
            HostStatus.ASSESSED,
            null,
            f(
                "auditd.installed",
                Status.FAIL,
                "auditd is not installed",
                Evidence.of(
                    "dpkg-query -W auditd",
                    0,
                    "dpkg-query: no packages found matching auditd",
                    "package database"),
                Evidence.of("/sbin/auditd", 0, "", "binary not found")),
            f(
                "auditd.running",
                Status.FAIL,
                "auditd is not installed, so it is not running",
                Evidence.of("systemctl is-active auditd", 0, "inactive", "")),
            f(
                "audit.execve",
                Status.FAIL,
                "no audit rules: auditd is not installed",
                Evidence.of("auditctl -l", 0, "", "auditctl missing")),
            f("audit.immutable", Status.FAIL, "no -e 2: auditd is not installed"),
            f("audit.rules-drift", Status.NOT_APPLICABLE, "auditd is not installed")));
    hosts.add(
        host(
            "debian-auditd",
            "10.20.0.12",
            HostStatus.ASSESSED,
            null,
            f(
                "auditd.installed",
                Status.PASS,
                "auditd 1:3.0.9-1 installed",
                Evidence.of("dpkg-query -W auditd", 0, "auditd\t1:3.0.9-1", "ii")),
            f(
                "auditd.running",
                Status.PASS,
                "active and enabled",
                Evidence.of("systemctl is-enabled auditd", 0, "enabled", "")),
            f(
                "audit.execve",
                Status.FAIL,
                "kernel: no execve rule for auid>=1000 on b64 or b32 (Debian ships an empty rule set)",
                Evidence.of(
                    RULES,
                    1,
                    "## This file is automatically generated from /etc/audit/rules.d\n-D\n-b 8192\n-f 1\n--backlog_wait_time 60000",
                    "rules seen; none audits execve"),
                Evidence.of("auditctl -l", 0, "No rules", "kernel rules")),
            f(
                "audit.immutable",
                Status.FAIL,
                "last -e is missing; kernel reports enabled 1",
                Evidence.of("auditctl -s", 0, "enabled 1\nfailure 1\npid 412", "")),
            f(
                "audit.rules-drift",
                Status.PASS,
                "kernel rules equal the rules on disk",
                Evidence.of("auditctl -l", 0, "No rules", ""))));
    hosts.add(
        host(
            "hardened",
            "10.20.0.13",
            HostStatus.ASSESSED,
            null,
            f(
                "auditd.installed",
                Status.PASS,
                "audit 3.1.2-1.el9 installed",
                Evidence.of("rpm -q audit", 0, "audit-3.1.2-1.el9.x86_64", "")),
            f(
                "auditd.running",
                Status.PASS,
                "active and enabled",
                Evidence.of("systemctl is-active auditd", 0, "active", "")),
            f(
                "audit.execve",
                Status.PASS,
                "execve audited for auid>=1000 on b64 and b32, kernel and boot rules",
                Evidence.of("/etc/audit/rules.d/50-execve.rules", 1, EXECVE, "b64"),
                Evidence.of(
                    "/etc/audit/rules.d/50-execve.rules", 2, EXECVE.replace("b64", "b32"), "b32")),
            f(
                "audit.immutable",
                Status.PASS,
                "-e 2 is last; kernel reports enabled 2",
                Evidence.of("/etc/audit/rules.d/99-finalize.rules", 1, "-e 2", "")),
            f("audit.rules-drift", Status.PASS, "kernel rules equal the rules on disk")));
    hosts.add(
        host(
            "tricky",
            "10.20.0.14",
            HostStatus.ASSESSED,
            null,
            f("auditd.installed", Status.PASS, "auditd installed"),
            f("auditd.running", Status.PASS, "active and enabled"),
            f(
                "audit.execve",
                Status.FAIL,
                "an earlier never rule neutralises the execve rule (-a never,exit -F auid>=1000 at line 3)",
                Evidence.of(
                    "/etc/audit/rules.d/10-noise.rules",
                    3,
                    "-a never,exit -F arch=b64 -S all -F auid>=1000",
                    "matches execve first"),
                Evidence.of("/etc/audit/rules.d/50-execve.rules", 1, EXECVE, "never reached")),
            f("audit.immutable", Status.PASS, "-e 2 is last; kernel reports enabled 2"),
            f("audit.rules-drift", Status.PASS, "kernel rules equal the rules on disk")));
    hosts.add(
        host(
            "drift",
            "10.20.0.15",
            HostStatus.ASSESSED,
            null,
            f("auditd.installed", Status.PASS, "auditd installed"),
            f("auditd.running", Status.PASS, "active and enabled"),
            f(
                "audit.execve",
                Status.FAIL,
                "boot rules audit execve but the kernel's rules do not (rules changed, not loaded)",
                Evidence.of("auditctl -l", 0, "-w /etc/passwd -p wa -k identity", "kernel"),
                Evidence.of("/etc/audit/rules.d/50-execve.rules", 1, EXECVE, "on disk")),
            f(
                "audit.immutable",
                Status.FAIL,
                "kernel reports enabled 1; -e 2 only on disk",
                Evidence.of("auditctl -s", 0, "enabled 1", "")),
            f(
                "audit.rules-drift",
                Status.FAIL,
                "2 rules on disk are not loaded in the kernel",
                Evidence.of("/etc/audit/rules.d/50-execve.rules", 1, EXECVE, "missing from kernel"),
                Evidence.of(
                    "/etc/audit/rules.d/50-execve.rules",
                    2,
                    EXECVE.replace("b64", "b32"),
                    "missing from kernel"))));
    hosts.add(
        host(
            "nosudo",
            "10.20.0.16",
            HostStatus.PARTIAL,
            "not root and no sudo: 3 items unreadable",
            f("auditd.installed", Status.PASS, "auditd installed"),
            f("auditd.running", Status.PASS, "active and enabled"),
            f(
                "audit.execve",
                Status.UNKNOWN,
                "auditctl -l needs root; /etc/audit/rules.d unreadable",
                Evidence.of(
                    "auditctl -l",
                    0,
                    "You must be root to run this program.",
                    "permission denied")),
            f("audit.immutable", Status.UNKNOWN, "auditctl -s needs root"),
            f("audit.rules-drift", Status.UNKNOWN, "auditctl -l needs root")));
    hosts.add(
        new HostResult(
            "legacy-db",
            "10.20.0.40",
            HostStatus.UNREACHABLE,
            "connect timed out after 10 s",
            null,
            List.of(),
            CollectionStats.NONE));
    hosts.add(
        new HostResult(
            "jump-eu",
            "203.0.113.7",
            HostStatus.UNTRUSTED,
            "host key changed (offered SHA256:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0MTIzNDU2); nothing was sent",
            "SHA256:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0MTIzNDU2",
            List.of(),
            new CollectionStats(0, 0, 0, 140)));
    hosts.add(
        host(
            "сервер-москва-1",
            "10.20.1.21",
            HostStatus.ASSESSED,
            null,
            f("auditd.installed", Status.PASS, "auditd installed"),
            f("auditd.running", Status.PASS, "active and enabled"),
            f(
                "audit.execve",
                Status.FAIL,
                "only b64 is audited; 32-bit commands are not",
                Evidence.of(
                    "/etc/audit/rules.d/журнал.rules", 4, EXECVE + " # κανόνας", "b64 only")),
            f("audit.immutable", Status.PASS, "-e 2 is last; kernel reports enabled 2"),
            f("audit.rules-drift", Status.PASS, "kernel rules equal the rules on disk")));
    return new ScanResult("0.1.0", STARTED, FINISHED, "inventory.yaml", "baseline", hosts);
  }

  private static HostResult host(
      String name, String address, HostStatus st, String reason, Finding... findings) {
    int n = name.hashCode() & 0xffff;
    return new HostResult(
        name,
        address,
        st,
        reason,
        "SHA256:" + fingerprint(name),
        List.of(findings),
        new CollectionStats(30_000 + n, 18, 1, 900 + n % 2000));
  }

  private static String fingerprint(String name) {
    Random r = new Random(name.hashCode());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 43; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /**
   * A synthetic fleet: {@code hosts} hosts (5 % unreachable), {@code checks} checks each, about 15
   * % failing and 5 % unknown, every finding with one or two evidence lines; deterministic.
   */
  static ScanResult synthetic(int hostCount, int checkCount) {
    List<Check> real = catalog();
    String[] frameworks = {"cis", "nist_800_53", "pci_dss_4", "hipaa", "soc2", "iso27001_2022"};
    List<Check> checks = new ArrayList<>();
    Random r = new Random(42);
    for (int c = 0; c < checkCount; c++) {
      Check base = real.get(c % real.size());
      Map<String, List<String>> refs = new LinkedHashMap<>();
      for (String fw : frameworks) {
        refs.put(
            fw,
            List.of(
                fw.toUpperCase(java.util.Locale.ROOT) + "-" + (c % 17 + 1), fw + "." + (c % 5)));
      }
      checks.add(
          new Check(
              c < real.size() ? base.id() : base.id() + "." + c,
              base.title() + (c < real.size() ? "" : " (variant " + c + ")"),
              Severity.values()[r.nextInt(Severity.values().length)],
              base.remediation(),
              refs));
    }
    List<HostResult> hosts = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      String name = String.format(java.util.Locale.ROOT, "web-%04d.eu-west.example.net", h);
      if (h % 20 == 7) {
        hosts.add(
            new HostResult(
                name,
                "10.1." + h / 250 + "." + h % 250,
                HostStatus.UNREACHABLE,
                "connect timed out after 10 s",
                null,
                List.of(),
                CollectionStats.NONE));
        continue;
      }
      List<Finding> findings = new ArrayList<>();
      boolean partial = false;
      for (Check c : checks) {
        int roll = r.nextInt(100);
        Status st =
            roll < 15
                ? Status.FAIL
                : roll < 20 ? Status.UNKNOWN : roll < 25 ? Status.NOT_APPLICABLE : Status.PASS;
        partial |= st == Status.UNKNOWN;
        List<Evidence> ev = new ArrayList<>();
        ev.add(
            Evidence.of(
                "/etc/audit/rules.d/50-execve.rules",
                1 + r.nextInt(40),
                EXECVE,
                "rule as written"));
        if (st == Status.FAIL) {
          ev.add(
              Evidence.of(
                  "auditctl -l",
                  0,
                  "-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity",
                  "kernel rules"));
        }
        findings.add(
            new Finding(
                c.id(),
                c.title(),
                c.severity(),
                st,
                st == Status.FAIL
                    ? "no matching always,exit rule for auid>=1000 on b32"
                    : st == Status.UNKNOWN ? "auditctl -l needs root" : "rule present and loaded",
                ev,
                c.remediation(),
                c.references()));
      }
      hosts.add(
          new HostResult(
              name,
              "10.1." + h / 250 + "." + h % 250,
              partial ? HostStatus.PARTIAL : HostStatus.ASSESSED,
              partial ? "not root: some items unreadable" : null,
              "SHA256:" + fingerprint(name),
              findings,
              new CollectionStats(40_000 + h, 20, 1, 800 + h % 900)));
    }
    return new ScanResult(
        "0.1.0", STARTED, FINISHED, "fleet-" + hostCount + ".yaml", "baseline", hosts);
  }
}
