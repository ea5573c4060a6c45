package io.auditgap.cli;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.Severity;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SealedBundle;
import io.auditgap.collect.SnapshotStore;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import io.auditgap.scan.SnapshotEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditgap evaluate}: re-evaluate saved snapshots offline, without touching any host. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate the checks on snapshots saved by 'scan --save-snapshots', or on bundles (*.bundle)"
          + " that the script from 'auditgap collector' printed, offline.",
      "Use it to try another profile or catalog on the same evidence, or to assess hosts your"
          + " own automation collected from (host name = bundle file name)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_HELP,
      ExitCodes.GAPS_HELP,
      ExitCodes.USAGE_HELP,
      ExitCodes.INCOMPLETE_HELP
    })
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SNAPSHOT",
      arity = "1..*",
      description = "Snapshot (*.snapshot.json) or bundle (*.bundle) files, or directories.")
  List<Path> inputs;

  @Mixin FailOnOption gate = new FailOnOption();

  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Mixin ReportOptions reports = new ReportOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Severity threshold = gate.threshold();
    reports.validated();
    SnapshotEvaluation evaluation =
        new SnapshotEvaluation(new CheckEvaluator(catalog.collected(), catalog.registry));
    Instant started = Instant.now();
    List<HostResult> hosts = new ArrayList<>();
    for (Path file : files()) {
      HostSnapshot snap;
      boolean bundle = isBundle(file);
      try {
        snap = bundle ? bundle(file) : SnapshotStore.load(file);
      } catch (IOException e) {
        throw new InputException(e.getMessage());
      }
      hosts.add(
          evaluation.evaluate(
              snap,
              bundle ? "bundle " + file.getFileName() : "snapshot " + snap.collectedAt(),
              null,
              new CollectionStats(snap.totalBytes(), snap.items().size(), 0, 0),
              catalog.settings()));
    }
    ScanResult result =
        new ScanResult(
            VersionProvider.version(),
            started,
            Instant.now(),
            "(snapshots)",
            catalog.profile,
            hosts);
    reports.emit(result, spec.commandLine().getOut(), spec.commandLine().getErr());
    return ScanCommand.exitCode(result, threshold);
  }

  private static final String BUNDLE = ".bundle";

  private static boolean isBundle(Path file) {
    return file.getFileName().toString().endsWith(BUNDLE);
  }

  /** A runner's bundle; the host is named after the file, e.g. web-1.bundle is web-1. */
  private static HostSnapshot bundle(Path file) throws IOException {
    String name = file.getFileName().toString();
    String host = name.substring(0, name.length() - BUNDLE.length());
    if (Files.size(file) > CollectorLimits.DEFAULT.maxBundleBytes() + 4096) {
      throw new InputException(file + ": refused: larger than any bundle the collector writes");
    }
    try {
      return SealedBundle.read(
          Files.readAllBytes(file),
          host,
          Files.getLastModifiedTime(file).toInstant(),
          CollectorLimits.DEFAULT);
    } catch (SealedBundle.RefusedException e) {
      throw new InputException(file + ": refused: " + e.getMessage());
    }
  }

  private List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(
                  f ->
                      f.getFileName().toString().endsWith(".snapshot.json")
                          || f.getFileName().toString().endsWith(BUNDLE))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new InputException(p + ": cannot list: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new InputException(p + ": no such snapshot file or directory");
      }
    }
    if (out.isEmpty()) {
      throw new InputException("no *.snapshot.json or *.bundle files in " + inputs);
    }
    return out;
  }
}
