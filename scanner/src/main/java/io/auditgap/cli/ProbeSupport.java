package io.auditgap.cli;

import io.auditgap.checks.matchers.exposure.PublicSourceAuth;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.probe.ProbeDiff;
import io.auditgap.probe.ProbeJson;
import io.auditgap.probe.ProbeOptions;
import io.auditgap.probe.ProbeReport;
import io.auditgap.scan.ExposureService;
import io.auditgap.transport.SshOptions;
import io.auditgap.transport.SshTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs the exposure probe for a command and writes {@code probe.json}; shared by probe and scan.
 */
final class ProbeSupport {
  private ProbeSupport() {}

  static ProbeReport readBaseline(Path baseline) {
    if (baseline == null) {
      return null;
    }
    try {
      return ProbeJson.read(baseline);
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          "--baseline: " + baseline + " is not a probe.json from auditgap: " + e.getMessage());
    }
  }

  static void checkVantages(List<String> vantages, Inventory inv) {
    for (String v : vantages) {
      try {
        ExposureService.vantage(v, inv);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "--from: " + e.getMessage() + " in the inventory (use 'local' or a host name)");
      }
    }
  }

  static ExposureService.Outcome run(
      Inventory all,
      List<HostSpec> hosts,
      List<String> vantages,
      ProbeReport baseline,
      Duration timeout,
      boolean acceptNewHostKeys,
      PrintWriter err) {
    return run(all, hosts, vantages, baseline, timeout, acceptNewHostKeys, err, name -> null);
  }

  /**
   * @param hostSide per host, what its collected sshd offers a public source (null: not seen)
   */
  static ExposureService.Outcome run(
      Inventory all,
      List<HostSpec> hosts,
      List<String> vantages,
      ProbeReport baseline,
      Duration timeout,
      boolean acceptNewHostKeys,
      PrintWriter err,
      java.util.function.Function<String, PublicSourceAuth> hostSide) {
    SshTransport ssh =
        new SshTransport(SshOptions.defaults().withAcceptNewHostKeys(acceptNewHostKeys), all::host);
    ExposureService.Outcome o =
        new ExposureService(
                ssh,
                Duration.ofSeconds(Math.max(10, timeout.toSeconds())),
                ProbeOptions.withTimeout(timeout),
                Clock.systemUTC(),
                VersionProvider.version())
            .run(all, hosts, vantages, baseline, hostSide);
    for (String p : o.problems()) {
      err.println("warning: " + p);
    }
    if (o.diff() != null) {
      if (o.diff().isEmpty()) {
        err.println("baseline: no change");
      }
      for (ProbeDiff.Change c : o.diff().changes()) {
        err.println("baseline: " + (c.newExposure() ? "NEW EXPOSURE " : "") + c.summary());
      }
    }
    err.flush();
    return o;
  }

  static Path write(ProbeReport report, Path dir) {
    Path p = dir.resolve("probe.json");
    try {
      java.nio.file.Files.createDirectories(dir);
      ProbeJson.write(report, p);
    } catch (IOException e) {
      throw new InputException("cannot write " + p + ": " + OsReason.of(e));
    }
    return p;
  }
}
