package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.Evidence;
import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.retention.LogEntry;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.RotationBlock;
import io.auditgap.facts.retention.RotationSetting;
import java.util.ArrayList;
import java.util.List;

/** Evidence lines for a logrotate-based computation: which lines decided, which they overrode. */
final class RotationEvidence {
  private RotationEvidence() {}

  static List<Evidence> of(LogrotateConfig conf, RotationBlock b, String path) {
    List<Evidence> ev = new ArrayList<>();
    ev.add(Evidence.of(b.where(), "block that rotates " + path));
    add(ev, b.frequency(), "rotation period");
    add(ev, b.rotate(), "rotated copies kept");
    if (b.maxage() != null) {
      add(ev, b.maxage(), "rotated copies older than this many days are deleted");
    }
    for (ConfigProblem p : conf.problemsFor(path)) {
      ev.add(Evidence.of(p.at(), p.message()));
    }
    for (ConfigProblem p : conf.problems()) {
      if (p.fatal() && !p.message().contains(path)) {
        ev.add(Evidence.of(p.at(), p.message()));
      }
    }
    return ev;
  }

  private static void add(List<Evidence> ev, RotationSetting s, String note) {
    SourceLine at = s.at();
    String n = note;
    if (s.replaced() != null) {
      SourceLine old = s.replaced().at();
      n += "; overrides " + old.location() + " " + old.text();
    }
    ev.add(Evidence.of(at, n));
  }

  /** Rotated siblings of {@code base} in a listing: base.1, base.2.gz, base-20240101, ... */
  static List<LogEntry> rotated(List<LogEntry> listing, String base) {
    List<LogEntry> out = new ArrayList<>();
    for (LogEntry e : listing) {
      if (e.type() == '-' && (e.name().startsWith(base + ".") || e.name().startsWith(base + "-"))) {
        out.add(e);
      }
    }
    return out;
  }

  static Evidence observed(List<LogEntry> rotated, long now, String dir) {
    if (rotated.isEmpty()) {
      return Evidence.of("ls -l " + dir, 0, "(no rotated copies)", "observed cross-check");
    }
    LogEntry oldest = rotated.stream().min((a, c) -> Long.compare(a.mtime(), c.mtime())).get();
    return Evidence.of(
        "ls -l " + dir,
        0,
        oldest.name() + " mtime " + oldest.mtime(),
        "observed: "
            + rotated.size()
            + " rotated copies, the oldest last written "
            + RetentionTarget.days((now - oldest.mtime()) / 86400.0)
            + " days ago");
  }
}
