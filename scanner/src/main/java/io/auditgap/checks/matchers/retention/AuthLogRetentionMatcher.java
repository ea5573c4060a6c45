package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.LogEntry;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.retention.RotationBlock;
import io.auditgap.facts.retention.RotationRetention;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many days of authentication events the host keeps. The store is the file rsyslog writes
 * (/var/log/auth.log on Debian/Ubuntu, /var/log/secure on RHEL) under logrotate; without either
 * file (Debian 12 installs no rsyslog) the journal is the store.
 */
public final class AuthLogRetentionMatcher implements Matcher {
  static final List<String> AUTH_LOGS = List.of("auth.log", "secure");

  @Override
  public String name() {
    return "auth-log-retention";
  }

  @Override
  public Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>(RetentionFacts.LOGROTATE.needs());
    n.addAll(RetentionFacts.VAR_LOG.needs());
    n.addAll(JournalEstimate.needs());
    return n;
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    RetentionTarget target = RetentionTarget.of(params);
    Observed<List<LogEntry>> varLog = facts.get(RetentionFacts.VAR_LOG);
    if (!varLog.isSeen()) {
      return Verdict.unknown(((Observed.Unseen<?>) varLog).reason());
    }
    long now = facts.get(RetentionFacts.NOW).value();
    Optional<LogEntry> file =
        varLog.value().stream()
            .filter(e -> e.type() == '-' && AUTH_LOGS.contains(e.name()))
            .findFirst();
    if (file.isEmpty()) {
      return journal(target, facts, now);
    }
    String path = "/var/log/" + file.get().name();
    Observed<LogrotateConfig> lr = facts.get(RetentionFacts.LOGROTATE);
    if (!lr.isSeen()) {
      return Verdict.unknown(((Observed.Unseen<?>) lr).reason());
    }
    List<LogEntry> rotated = RotationEvidence.rotated(varLog.value(), file.get().name());
    Evidence observed = RotationEvidence.observed(rotated, now, "/var/log/");
    Optional<RotationBlock> block = lr.value().blockFor(path);
    if (block.isEmpty()) {
      List<Evidence> ev = new ArrayList<>();
      ev.add(
          Evidence.of(
              RetentionFacts.LOGROTATE_CONF,
              0,
              String.join(", ", lr.value().filesRead()),
              "no block names " + path));
      ev.add(observed);
      return target.unbounded(path, "no logrotate block rotates it", ev);
    }
    List<Evidence> ev = RotationEvidence.of(lr.value(), block.get(), path);
    ev.add(observed);
    RotationRetention r = RotationRetention.of(block.get());
    if (r.unbounded()) {
      return target.unbounded(path, r.arithmetic(), ev);
    }
    if (r.days().isPresent()) {
      return target.judge(path, r.days().getAsDouble(), r.arithmetic(), ev);
    }
    long keep = Long.parseLong(block.get().rotate().value());
    if (keep > 0 && rotated.size() >= keep) {
      long oldest = rotated.stream().mapToLong(LogEntry::mtime).min().getAsLong();
      double days = (now - oldest) / 86400.0;
      return target.judge(
          path,
          days,
          r.arithmetic()
              + "; observed: all "
              + keep
              + " copies exist and the oldest was last written "
              + RetentionTarget.days(days)
              + " days ago",
          ev);
    }
    return target.unknownDays(
        path, r.arithmetic() + ", and too few rotated copies to observe it", ev);
  }

  private Verdict journal(RetentionTarget target, Facts facts, long now) {
    Observed<JournaldConfig> conf = facts.get(RetentionFacts.JOURNALD);
    if (!conf.isSeen()) {
      return Verdict.unknown(
          "no /var/log/auth.log or /var/log/secure, so the journal is the store, but "
              + ((Observed.Unseen<?>) conf).reason());
    }
    JournalEstimate j =
        JournalEstimate.of(
            conf.value(),
            facts.get(RetentionFacts.JOURNAL),
            facts.get(RetentionFacts.FILESYSTEMS),
            now);
    List<Evidence> ev = new ArrayList<>();
    ev.add(
        Evidence.of(
            "ls -l /var/log/",
            0,
            "(no auth.log, no secure)",
            "no syslog file: the journal stores authentication events"));
    ev.addAll(j.evidence());
    String what = "journal (the auth store)";
    if (j.days().isPresent()) {
      return target.judge(what, j.days().getAsDouble(), j.why(), ev);
    }
    return target.unknownDays(what, j.why(), ev);
  }
}
