package io.auditgap.cli;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.scan.Assessment;
import io.auditgap.scan.SnapshotInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
          + " own automation collected from (host name = bundle file name).",
      "A saved snapshot is evaluated as its scan evaluated it (profile, check parameters,"
          + " exposure findings); --profile and check parameters given here override that."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SNAPSHOT",
      arity = "1..*",
      description = "Snapshot (*.snapshot.json) or bundle (*.bundle) files, or directories.")
  List<Path> inputs;

  @Mixin OutcomeOptions outcome = new OutcomeOptions();

  @Mixin EvaluationOptions evaluation = new EvaluationOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    outcome.validate();
    evaluation.review.load(null, outcome.gate);
    // Without --profile, each snapshot is evaluated for the profile its scan used.
    boolean profileGiven = spec.commandLine().getParseResult().hasMatchedOption("--profile");
    Assessment.Result result =
        evaluation
            .catalog
            .assessment()
            .evaluate(
                new Assessment.EvaluateRequest(
                    SnapshotInputs.read(
                        inputs, CheckEvaluator.everyNeed(evaluation.catalog.registry())),
                    profileGiven ? evaluation.catalog.profile : null,
                    evaluation.checkParams.given(evaluation.catalog),
                    evaluation.review.plan()));
    return outcome.finish(result, outcome.gate.newOnly(), spec);
  }
}
