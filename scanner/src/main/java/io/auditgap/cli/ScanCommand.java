package io.auditgap.cli;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.scan.Assessment;
import io.auditgap.scan.EarlyConnections;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanListener;
import io.auditgap.scan.ScanOptions;
import io.auditgap.scan.Shard;
import io.auditgap.timing.PhaseSummary;
import io.auditgap.timing.Phases;
import io.auditgap.transport.SshWarmup;
import io.auditgap.transport.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditgap scan}: assess the inventory (or the local machine) and write reports. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Collect from every host (one SSH exec each), evaluate the checks and write reports.",
      "Without -i or HOST arguments, scans the local machine (no SSH)."
    })
final class ScanCommand implements Callable<Integer> {
  /**
   * System property set by the launchers for a scan that records the class-data-sharing archive:
   * the scan ends by loading what an SSH scan needs and it did not (see {@link CdsTraining}).
   */
  static final String CDS_TRAINING = "auditgap.cds.training";

  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "16",
      description = "Hosts assessed at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "120s",
      converter = DurationConverter.class,
      description =
          "Deadline per host, connect and collect: 90, 90s, 2m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Deadline for connect and authentication (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--accept-new-host-keys",
      description = "Append unknown host keys to known_hosts (a changed key is still refused).")
  boolean acceptNewHostKeys;

  @Option(
      names = "--sudo",
      description =
          "Local scan and hosts named on the command line: collect through 'sudo -n' (never"
              + " prompts).")
  boolean sudo;

  @Option(
      names = "--save-snapshots",
      paramLabel = "DIR",
      description = "Also save each host's collected snapshot (JSON) for 'auditgap evaluate'.")
  Path snapshotDir;

  @Option(
      names = "--no-probe",
      description = "Skip the exposure probe that scans of an inventory run after collection.")
  boolean noProbe;

  @Option(
      names = "--probe-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Probe connect and banner timeout per target (default: ${DEFAULT-VALUE}).")
  Duration probeTimeout;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = {
        "Scan only shard I of N (1-based), chosen by host name so a host always lands in the"
            + " same shard; join the shards' report.json with 'auditgap merge'."
      })
  String shard;

  @Option(
      names = "--timings",
      description = "Print where the time went (summed over hosts) to stderr.")
  boolean timings;

  @Mixin OutcomeOptions outcome = new OutcomeOptions();

  @Mixin EvaluationOptions evaluation = new EvaluationOptions();

  @Mixin VantageOptions vantages = new VantageOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The SSH library's start-up overlaps the catalog and inventory loading (see SshWarmup).
    if (target.inventory != null || target.namesHosts()) {
      SshWarmup.start();
    }
    try {
      return assess();
    } finally {
      if (Boolean.getBoolean(CDS_TRAINING)) {
        CdsTraining.loadWhatAnSshScanNeeds();
      }
    }
  }

  private int assess() {
    if (parallel < 1 || parallel > 1024) {
      throw new InputException("--parallel must be between 1 and 1024");
    }
    Inventory all = loadInventory();
    Inventory inv = shardOf(target.selection.select(all));
    // Output that cannot be written refuses the scan before any host is contacted.
    outcome.validate();
    if (probes()) {
      outcome.reports.checkOutput(); // probe.json goes there whatever the formats
    }
    // The first hosts' handshakes overlap the rest of the start-up (report settings, waivers,
    // catalog, check parameters): they only authenticate, the collector runs once the scan is
    // accepted, and a refusal closes them unused. Not when new host keys would be written to
    // known_hosts: a refused scan changes nothing.
    var jumps = target.reach.applier().jumpResolver(all::host);
    Transport ssh = Assessment.sshTransport(acceptNewHostKeys, connectTimeout, jumps);
    try (EarlyConnections connections =
        acceptNewHostKeys
            ? EarlyConnections.none(ssh)
            : EarlyConnections.begin(ssh, inv.hosts(), parallel, connectTimeout)) {
      return scan(all, inv, jumps, connections);
    }
  }

  /** Whether this scan also probes its inventory's SSH ports (see {@code --no-probe}). */
  private boolean probes() {
    return target.inventory != null && !noProbe && !target.namesHosts();
  }

  private int scan(
      Inventory all,
      Inventory inv,
      Function<String, Optional<HostSpec>> jumps,
      EarlyConnections connections) {
    if (snapshotDir != null) {
      try {
        java.nio.file.Files.createDirectories(snapshotDir);
      } catch (IOException e) {
        throw new InputException(
            "--save-snapshots: cannot create " + snapshotDir + ": " + OsReason.of(e));
      }
    }
    evaluation.review.load(target.inventory, outcome.gate);
    Assessment.ProbeSettings probe = null;
    if (probes()) {
      vantages.baseline = evaluation.review.probeBaseline();
      probe =
          new Assessment.ProbeSettings(
              vantages.from, vantages.validated(all), probeTimeout, acceptNewHostKeys);
    }
    ScanOptions options =
        new ScanOptions(
            parallel,
            connectTimeout,
            timeout,
            CollectorLimits.DEFAULT,
            evaluation.catalog.profile,
            evaluation.checkParams.settings(evaluation.catalog));
    PrintWriter err = spec.commandLine().getErr();
    Assessment.Result result =
        evaluation
            .catalog
            .assessment()
            .scan(
                new Assessment.ScanRequest(
                    all,
                    inv.hosts(),
                    options,
                    acceptNewHostKeys,
                    jumps,
                    probe,
                    snapshotDir,
                    evaluation.review.plan(),
                    connections),
                new FirstUseWarmup(
                    progress(err),
                    new CheckEvaluator(
                        evaluation.catalog.collected(), evaluation.catalog.registry()),
                    options.settings(),
                    outcome.reports.formats.stream()
                        .anyMatch(f -> f.strip().equalsIgnoreCase("json"))));
    if (result.exposure() != null) {
      ProbeSupport.report(result.exposure(), err);
      err.println(
          "wrote " + ProbeSupport.write(result.exposure().report(), outcome.reports.output));
    }
    outcome.reports.inventoryBranding(inv.branding());
    long renderStart = Phases.threadCpu();
    int code = outcome.finish(result, outcome.gate.newOnly(), spec);
    Phases.addCpu(Phases.Phase.RENDER, renderStart);
    if (timings) {
      err.println(PhaseSummary.line());
    }
    return code;
  }

  private Inventory loadInventory() {
    Inventory inv = target.load(sudo, spec.commandLine().getErr());
    if (inv == null) {
      return new Inventory("(local machine)", List.of(HostSpec.local(localName(), sudo)));
    }
    return inv;
  }

  private Inventory shardOf(Inventory inv) {
    if (shard == null) {
      return inv;
    }
    if (target.inventory == null) {
      throw new InputException("--shard needs an inventory (-i FILE)");
    }
    Shard s;
    try {
      s = Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new InputException("--shard: " + e.getMessage());
    }
    // An empty shard is fine (few hosts, many shards): it writes an empty report to merge.
    List<HostSpec> mine = inv.hosts().stream().filter(h -> s.contains(h.name())).toList();
    return new Inventory(inv.source(), mine, inv.branding(), inv.warnings());
  }

  private static ScanListener progress(PrintWriter err) {
    if (System.console() == null) {
      return ScanListener.NONE;
    }
    return new ScanListener() {
      @Override
      public void hostFinished(HostResult r, int done, int total) {
        synchronized (err) {
          err.printf("[%d/%d] %s: %s%n", done, total, r.name(), r.status().id());
          err.flush();
        }
      }
    };
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
