package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.retention.LogEntry;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.retention.RotationBlock;
import io.auditgap.facts.retention.RotationRetention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * wtmp (logins) and btmp (failed logins) under logrotate; the shorter of the two decides. Stock
 * Debian and RHEL rotate both monthly with rotate 1: about 60 days.
 */
public final class LoginRecordsRetentionMatcher extends DeclaredMatcher {
  private static final List<String> FILES = List.of("wtmp", "btmp");

  public LoginRecordsRetentionMatcher() {
    super(
        "login-records-retention",
        CommonParams.RETENTION,
        needsOf(List.of(RetentionFacts.LOGROTATE, RetentionFacts.VAR_LOG, RetentionFacts.NOW)));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    RetentionTarget target = RetentionTarget.of(params);
    Observed<List<LogEntry>> varLog = facts.get(RetentionFacts.VAR_LOG);
    if (!varLog.isSeen()) {
      return Verdict.unknown(varLog.reason());
    }
    Observed<LogrotateConfig> lr = facts.get(RetentionFacts.LOGROTATE);
    if (!lr.isSeen()) {
      return Verdict.unknown(lr.reason());
    }
    long now = facts.get(RetentionFacts.NOW).value();
    List<Verdict> verdicts = new ArrayList<>();
    for (String name : FILES) {
      boolean exists = varLog.value().stream().anyMatch(e -> e.name().equals(name));
      if (!exists) {
        continue;
      }
      String path = "/var/log/" + name;
      Evidence observed =
          RotationEvidence.observed(
              RotationEvidence.rotated(varLog.value(), name), now, "/var/log/");
      Optional<RotationBlock> b = lr.value().blockFor(path);
      if (b.isEmpty()) {
        verdicts.add(target.unbounded(path, "no logrotate block rotates it", List.of(observed)));
        continue;
      }
      List<Evidence> ev = RotationEvidence.of(lr.value(), b.get(), path);
      ev.add(observed);
      RotationRetention r = RotationRetention.of(b.get());
      if (r.unbounded()) {
        verdicts.add(target.unbounded(path, r.arithmetic(), ev));
      } else if (r.days().isPresent()) {
        verdicts.add(target.judge(path, r.days().getAsDouble(), r.arithmetic(), ev));
      } else {
        verdicts.add(target.unknownDays(path, r.arithmetic(), ev));
      }
    }
    if (verdicts.isEmpty()) {
      return Verdict.notApplicable(
          "no /var/log/wtmp or /var/log/btmp: login records are kept elsewhere (wtmpdb?)",
          List.of(Evidence.of("ls -l /var/log/", 0, "(no wtmp, no btmp)", "")));
    }
    return combine(verdicts);
  }

  /** The worst verdict decides; all reasons and evidence are kept. */
  private static Verdict combine(List<Verdict> vs) {
    Status worst = Status.PASS;
    for (Verdict v : vs) {
      if (v.status() == Status.FAIL || (v.status() == Status.UNKNOWN && worst != Status.FAIL)) {
        worst = v.status();
      }
    }
    List<String> reasons = new ArrayList<>();
    List<Evidence> ev = new ArrayList<>();
    for (Verdict v : vs) {
      reasons.add(v.reason());
      ev.addAll(v.evidence());
    }
    return new Verdict(worst, String.join("; ", reasons), ev);
  }
}
