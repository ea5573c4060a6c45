package io.auditgap.scan;

import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.checks.matchers.exposure.PublicSourceAuth;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.probe.Dialer;
import io.auditgap.probe.Exposure;
import io.auditgap.probe.ExposureFindings;
import io.auditgap.probe.ExposurePolicy;
import io.auditgap.probe.LocalDialer;
import io.auditgap.probe.ProbeDiff;
import io.auditgap.probe.ProbeEngine;
import io.auditgap.probe.ProbeOptions;
import io.auditgap.probe.ProbeReport;
import io.auditgap.probe.ProbeTarget;
import io.auditgap.probe.ProbeTargets;
import io.auditgap.probe.SshDialer;
import io.auditgap.probe.Vantage;
import io.auditgap.transport.Connection;
import io.auditgap.transport.SshConnection;
import io.auditgap.transport.Transport;
import io.auditgap.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The exposure path: probes every host's SSH port (and {@code probe_ports}) from each vantage — the
 * local machine, or an inventory host whose SSH connection opens the TCP connections — and judges
 * reachability and offered authentication against the inventory's {@code exposure}. Never touches
 * the collector.
 */
public final class ExposureService {
  public static final String BASELINE = "exposure.baseline";

  private final Transport ssh;
  private final Duration connectTimeout;
  private final ProbeOptions options;
  private final Clock clock;
  private final String toolVersion;

  public ExposureService(
      Transport ssh,
      Duration connectTimeout,
      ProbeOptions options,
      Clock clock,
      String toolVersion) {
    this.ssh = ssh;
    this.connectTimeout = connectTimeout;
    this.options = options;
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  /**
   * @param report the raw port results (also for {@code probe.json} and the next baseline)
   * @param findings per host name: {@code exposure.ssh-port}, {@code exposure.password-auth}, and
   *     with a baseline {@code exposure.baseline}
   * @param diff null without a baseline
   */
  public record Outcome(
      ProbeReport report,
      Map<String, List<Finding>> findings,
      ProbeDiff diff,
      List<String> problems) {
    public boolean hasNewExposure() {
      return diff != null && diff.hasNewExposure();
    }
  }

  /** A vantage as named on the command line: {@code local} or an inventory host. */
  public static Vantage vantage(String name, Inventory inventory) {
    if (name.equals(Vantage.LOCAL)) {
      return Vantage.local(true);
    }
    HostSpec h =
        inventory
            .host(name)
            .orElseThrow(() -> new IllegalArgumentException("no host named '" + name + "'"));
    // A vantage stands inside the perimeter unless the inventory tags it external.
    return new Vantage(h.name(), !h.tags().contains("external"));
  }

  public static ExposurePolicy policy(HostSpec h) {
    Exposure e = h.exposure() == null ? null : Exposure.parse(h.exposure());
    return new ExposurePolicy(
        e,
        h.publicAddress(),
        h.probePorts(),
        Set.copyOf(h.mustReach()),
        Set.copyOf(h.mustNotReach()));
  }

  public Outcome run(
      Inventory inventory, List<HostSpec> hosts, List<String> vantageNames, ProbeReport baseline) {
    return run(inventory, hosts, vantageNames, baseline, name -> null);
  }

  /**
   * @param hostSide per host name, what its collected sshd offers a public source (null when the
   *     host was not collected): a Match Address exception proven there keeps a host declared
   *     public from failing on passwords an internal vantage was offered
   */
  public Outcome run(
      Inventory inventory,
      List<HostSpec> hosts,
      List<String> vantageNames,
      ProbeReport baseline,
      Function<String, PublicSourceAuth> hostSide) {
    Map<String, Vantage> vantages = new LinkedHashMap<>();
    Map<String, Dialer> dialers = new LinkedHashMap<>();
    List<Connection> connections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      for (String name : vantageNames) {
        Vantage v = vantage(name, inventory);
        if (v.name().equals(Vantage.LOCAL)) {
          vantages.put(v.name(), v);
          dialers.put(v.name(), new LocalDialer(v));
          continue;
        }
        try {
          Connection c = ssh.open(inventory.host(name).orElseThrow(), connectTimeout);
          connections.add(c);
          if (!(c instanceof SshConnection sc)) {
            problems.add("vantage " + name + ": not an SSH connection");
            continue;
          }
          vantages.put(v.name(), v);
          dialers.put(v.name(), new SshDialer(v, sc.client()));
        } catch (TransportException e) {
          problems.add("vantage " + name + " could not be used: " + e.getMessage());
        }
      }
      List<ProbeTarget> targets = new ArrayList<>();
      for (HostSpec h : hosts) {
        if (!h.isLocal()) {
          targets.addAll(
              ProbeTargets.forHost(
                  h.name(),
                  h.address(),
                  h.port(),
                  policy(h),
                  List.copyOf(vantages.values()),
                  h.user()));
        }
      }
      ProbeReport report = new ProbeEngine(options, clock, toolVersion).probe(targets, dialers);
      ProbeDiff diff = baseline == null ? null : ProbeDiff.compare(baseline, report);
      Map<String, List<Finding>> findings = new LinkedHashMap<>();
      for (HostSpec h : hosts) {
        if (h.isLocal()) {
          continue;
        }
        List<Finding> fs = new ArrayList<>();
        List<Finding> evaluated =
            ExposureFindings.evaluate(
                policy(h), report.forHost(h.name()), vantages, hostSide.apply(h.name()));
        for (Finding f : evaluated) {
          fs.add(honest(f, problems));
        }
        if (diff != null) {
          fs.add(baselineFinding(h.name(), diff));
        }
        findings.put(h.name(), fs);
      }
      return new Outcome(report, findings, diff, problems);
    } finally {
      for (Dialer d : dialers.values()) {
        try {
          d.close();
        } catch (Exception e) {
          // Closing a dialer only releases sockets; nothing to report.
        }
      }
      connections.forEach(Connection::close);
    }
  }

  /** A pass that did not hear from every requested vantage is not a pass. */
  private static Finding honest(Finding f, List<String> problems) {
    if (problems.isEmpty() || f.status() != Status.PASS) {
      return f;
    }
    List<Evidence> ev = new ArrayList<>(f.evidence());
    problems.forEach(p -> ev.add(Evidence.note(p)));
    return new Finding(
        f.check(),
        f.title(),
        f.severity(),
        Status.UNKNOWN,
        f.reason() + " for the vantages that answered; " + String.join("; ", problems),
        ev,
        f.remediation(),
        f.references());
  }

  static Finding baselineFinding(String host, ProbeDiff diff) {
    List<Evidence> ev = new ArrayList<>();
    int newExposure = 0;
    for (ProbeDiff.Change c : diff.changes()) {
      if (!c.key().host().equals(host)) {
        continue;
      }
      if (c.newExposure()) {
        newExposure++;
      }
      ev.add(
          Evidence.of(
              c.key().vantage(),
              0,
              c.summary(),
              c.kind().id() + (c.newExposure() ? " (new exposure)" : "")));
    }
    Status status = newExposure > 0 ? Status.FAIL : Status.PASS;
    String reason =
        newExposure > 0
            ? newExposure + " new exposure(s) since the baseline"
            : ev.isEmpty()
                ? "no change since the baseline"
                : ev.size() + " change(s) since the baseline, none exposes more";
    return new Finding(
        BASELINE,
        "No new SSH exposure since the baseline probe",
        Severity.HIGH,
        status,
        reason,
        ev,
        "Review the firewall or security-group change that opened the port; close it or update the"
            + " inventory's expected exposure and take a new baseline.",
        Map.of("nist_800_53", List.of("CM-3", "SC-7"), "pci_dss_4", List.of("1.2.2", "1.2.7")));
  }

  /** The scan's result with each host's exposure findings added (catalog metadata applied). */
  public static ScanResult attach(
      ScanResult r, Outcome o, Function<String, Optional<CheckDefinition>> catalog) {
    List<HostResult> hosts = new ArrayList<>();
    for (HostResult h : r.hosts()) {
      List<Finding> fs = new ArrayList<>(h.findings());
      fs.addAll(withCatalog(o.findings().getOrDefault(h.name(), List.of()), catalog));
      hosts.add(h.withFindings(fs));
    }
    return new ScanResult(
        r.toolVersion(), r.startedAt(), r.finishedAt(), r.inventory(), r.profile(), hosts);
  }

  /** A probe-only result: every probed host with its exposure findings and nothing collected. */
  public static ScanResult probeOnly(
      ScanResult empty,
      List<HostSpec> hosts,
      Outcome o,
      Function<String, Optional<CheckDefinition>> catalog) {
    List<HostResult> results = new ArrayList<>();
    for (HostSpec h : hosts) {
      results.add(
          new HostResult(
              h.name(),
              h.address() + ":" + h.port(),
              HostStatus.ASSESSED,
              null,
              null,
              List.of(),
              CollectionStats.NONE));
    }
    return attach(
        new ScanResult(
            empty.toolVersion(),
            empty.startedAt(),
            empty.finishedAt(),
            empty.inventory(),
            empty.profile(),
            results),
        o,
        catalog);
  }

  /** The same finding list, with catalog metadata where the catalog defines the check. */
  public static List<Finding> withCatalog(
      List<Finding> findings,
      java.util.function.Function<String, Optional<io.auditgap.checks.CheckDefinition>> catalog) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(
          catalog
              .apply(f.check())
              .map(
                  d ->
                      new Finding(
                          f.check(),
                          d.title(),
                          d.severity(),
                          f.status(),
                          f.reason(),
                          f.evidence(),
                          d.remediation(),
                          d.references()))
              .orElse(f));
    }
    return out;
  }
}
