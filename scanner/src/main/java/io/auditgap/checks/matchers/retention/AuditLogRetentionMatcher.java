package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.daemon.AuditdConf;
import io.auditgap.facts.audit.daemon.AuditdConfFacts;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import io.auditgap.facts.retention.LogEntry;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.retention.RetentionFacts.Filesystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Days of audit records auditd keeps locally: its capacity (rotate: num_logs × max_log_file MB;
 * keep_logs, ignore, syslog: the free disk) divided by the observed write rate (bytes of audit.log*
 * over the time since their first record). suspend stops recording at the limit, which keeps old
 * records but loses new ones: a failure whatever the days.
 */
public final class AuditLogRetentionMatcher extends GatedMatcher {
  private static final long MB = 1024L * 1024;

  public AuditLogRetentionMatcher() {
    super(
        "audit-log-retention",
        CommonParams.RETENTION,
        needsOf(
            List.of(
                AuditdConfFacts.CONF,
                RetentionFacts.AUDIT_LOGS,
                RetentionFacts.AUDIT_FIRST,
                RetentionFacts.FILESYSTEMS,
                RetentionFacts.NOW)),
        Gate.auditd("audit records are kept by the container host", "no audit records are kept"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    RetentionTarget target = RetentionTarget.of(params);
    Observed<Optional<AuditdConf>> o = facts.get(AuditdConfFacts.CONF);
    if (!o.isSeen()) {
      return Verdict.unknown(o.reason());
    }
    AuditdConf conf = o.value().orElse(new AuditdConf(AuditdConfFacts.PATH, List.of(), List.of()));
    List<Evidence> ev = new ArrayList<>();
    if (conf.fatal()) {
      return Verdict.fail(
          "auditd refuses auditd.conf and records nothing (see auditd-conf.valid)", ev);
    }
    AuditdSetting write = conf.setting("write_logs");
    AuditdSetting action = conf.setting("max_log_file_action");
    AuditdSetting size = conf.setting("max_log_file");
    AuditdSetting num = conf.setting("num_logs");
    AuditdSetting file = conf.setting("log_file");
    for (AuditdSetting s : List.of(write, action, size, num)) {
      ev.add(
          Evidence.of(
              AuditdConfFacts.PATH,
              s.isDefault() ? 0 : s.directive().at().line(),
              s.isDefault()
                  ? s.key() + " (not set, default " + s.value() + ")"
                  : s.directive().at().text(),
              "used in the capacity computation"));
    }
    if (!write.normalized().equals("yes")
        || conf.setting("log_format").normalized().equals("nolog")) {
      return target.judge(
          "audit log", 0, "write_logs = no or log_format = NOLOG: 0 days kept locally", ev);
    }
    String act = action.normalized();
    long maxMb = parse(size.value());
    long files = Math.max(1, parse(num.value()));
    if (act.equals("suspend") && maxMb > 0) {
      return Verdict.fail(
          "max_log_file_action = suspend: auditd stops writing when audit.log reaches "
              + maxMb
              + " MB, so new records are lost",
          ev);
    }
    OptionalDouble rate = rate(facts, file.value(), ev);
    boolean rotates = act.equals("rotate") && maxMb > 0;
    if (rotates) {
      long capacity = files * maxMb * MB;
      String cap = num.value() + " × " + maxMb + " MB = " + files * maxMb + " MB";
      if (parse(num.value()) < 2) {
        cap = "num_logs " + num.value() + " < 2: no rotation, " + maxMb + " MB";
      }
      if (rate.isEmpty()) {
        return target.unknownDays("audit log", "capacity " + cap + "; write rate not observed", ev);
      }
      double days = capacity / rate.getAsDouble();
      return target.judge(
          "audit log",
          days,
          cap
              + " ÷ "
              + JournalEstimate.mb((long) rate.getAsDouble())
              + "/day = "
              + RetentionTarget.days(days)
              + " days",
          ev);
    }
    String why =
        maxMb <= 0
            ? "max_log_file = 0: audit.log is never rotated"
            : "max_log_file_action = " + action.value() + ": auditd never deletes audit logs";
    Observed<Map<String, Filesystem>> fs = facts.get(RetentionFacts.FILESYSTEMS);
    Filesystem f = fs.isSeen() ? fs.value().get("/var/log/audit") : null;
    if (f == null) {
      return target.unknownDays(
          "audit log", why + "; disk-limited, but the free space was not collected", ev);
    }
    ev.add(
        Evidence.of(
            "df -Pk /var/log/audit",
            0,
            f.mount()
                + " "
                + JournalEstimate.mb(f.availBytes())
                + " free of "
                + JournalEstimate.mb(f.sizeBytes()),
            "disk that bounds the audit log"));
    if (rate.isEmpty()) {
      return target.unknownDays(
          "audit log",
          why
              + "; disk-limited ("
              + JournalEstimate.mb(f.availBytes())
              + " free), write rate not observed",
          ev);
    }
    long used = usedByAudit(facts);
    double days = (f.availBytes() + used) / rate.getAsDouble();
    return target.judge(
        "audit log",
        days,
        why
            + "; disk-limited: ("
            + JournalEstimate.mb(f.availBytes())
            + " free + "
            + JournalEstimate.mb(used)
            + " held) ÷ "
            + JournalEstimate.mb((long) rate.getAsDouble())
            + "/day = "
            + RetentionTarget.days(days)
            + " days before the space_left actions",
        ev);
  }

  /** Bytes per day from the audit logs on disk and the first record each holds. */
  private static OptionalDouble rate(Facts facts, String logFile, List<Evidence> ev) {
    Observed<List<LogEntry>> ls = facts.get(RetentionFacts.AUDIT_LOGS);
    Observed<Map<String, Long>> first = facts.get(RetentionFacts.AUDIT_FIRST);
    long now = facts.get(RetentionFacts.NOW).value();
    if (!ls.isSeen()) {
      ev.add(Evidence.note("write rate: " + ls.reason()));
      return OptionalDouble.empty();
    }
    String base = logFile == null ? "audit.log" : logFile.substring(logFile.lastIndexOf('/') + 1);
    long bytes = 0;
    long oldestMtime = Long.MAX_VALUE;
    int count = 0;
    for (LogEntry e : ls.value()) {
      if (e.type() == '-' && (e.name().equals(base) || e.name().startsWith(base + "."))) {
        bytes += e.size();
        oldestMtime = Math.min(oldestMtime, e.mtime());
        count++;
      }
    }
    long start = Long.MAX_VALUE;
    if (first.isSeen()) {
      for (long t : first.value().values()) {
        start = Math.min(start, t);
      }
    }
    if (start == Long.MAX_VALUE) {
      if (count < 2) {
        ev.add(Evidence.note("write rate: no first-record times and fewer than 2 audit log files"));
        return OptionalDouble.empty();
      }
      start = oldestMtime;
    }
    double span = (now - start) / 86400.0;
    ev.add(
        Evidence.of(
            "ls -l /var/log/audit/",
            0,
            count + " files, " + JournalEstimate.mb(bytes) + " since " + start,
            "observed: " + RetentionTarget.days(span) + " days of records on disk"));
    if (span < 1.0 / 24 || bytes == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(bytes / Math.max(span, 1.0 / 24), 1));
  }

  private static long usedByAudit(Facts facts) {
    Observed<List<LogEntry>> ls = facts.get(RetentionFacts.AUDIT_LOGS);
    return ls.isSeen() ? ls.value().stream().mapToLong(LogEntry::size).sum() : 0;
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v == null ? "0" : v.toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
