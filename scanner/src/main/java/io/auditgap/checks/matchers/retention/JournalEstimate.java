package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.Evidence;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.JournaldSetting;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.retention.RetentionFacts.Filesystem;
import io.auditgap.facts.retention.RetentionFacts.JournalState;
import io.auditgap.facts.retention.SystemdValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How many days the journal keeps: persistence first, then MaxRetentionSec as a hard cap, then
 * SystemMaxUse (default 10% of the filesystem, at most 4 GiB) divided by the observed write rate
 * (disk usage over the age of the oldest entry).
 *
 * @param persistent null when it could not be established
 * @param days empty when the rate could not be observed and no cap decides
 * @param why the arithmetic or the reason it is missing
 */
record JournalEstimate(
    Boolean persistent, OptionalDouble days, String why, List<Evidence> evidence) {
  static final long FOUR_GIB = 4L * 1024 * 1024 * 1024;

  static JournalEstimate of(
      JournaldConfig conf,
      Observed<JournalState> state,
      Observed<Map<String, Filesystem>> fs,
      long now) {
    List<Evidence> ev = new ArrayList<>();
    JournaldSetting storage = conf.get("Storage");
    ev.add(evidence(storage, "journal storage"));
    for (String m : conf.masked()) {
      ev.add(Evidence.of(m, 0, "(masked)", "drop-in disabled (symlink without content)"));
    }
    String mode = storage.value().toLowerCase(Locale.ROOT);
    if (mode.equals("volatile") || mode.equals("none")) {
      return new JournalEstimate(
          false,
          OptionalDouble.of(0),
          "Storage="
              + storage.value()
              + ": the journal is "
              + (mode.equals("none") ? "not stored" : "in memory only, lost at reboot"),
          ev);
    }
    if (!mode.equals("persistent") && !mode.equals("auto")) {
      return new JournalEstimate(
          null, OptionalDouble.empty(), "unrecognised Storage=" + storage.value(), ev);
    }
    if (!state.isSeen()) {
      if (mode.equals("auto")) {
        return new JournalEstimate(
            null,
            OptionalDouble.empty(),
            "Storage=auto and whether /var/log/journal exists is unknown: " + state.reason(),
            ev);
      }
    }
    JournalState st = state.isSeen() ? state.value() : null;
    if (st != null) {
      ev.add(
          Evidence.of(
              "stat /var/log/journal /run/log/journal", 0, st.detail(), "journal directories"));
    }
    if (mode.equals("auto") && st != null && !st.persistentDir()) {
      return new JournalEstimate(
          false,
          OptionalDouble.of(0),
          "Storage=auto and /var/log/journal does not exist: the journal is volatile, lost at reboot",
          ev);
    }
    JournaldSetting maxRet = conf.get("MaxRetentionSec");
    OptionalDouble cap = OptionalDouble.empty();
    if (!maxRet.value().isEmpty()) {
      ev.add(evidence(maxRet, "entries older than this are deleted"));
      OptionalDouble d = SystemdValues.spanDays(maxRet.value());
      if (d.isPresent() && d.getAsDouble() > 0) {
        cap = d;
      }
    }
    JournaldSetting maxUse = conf.get("SystemMaxUse");
    OptionalLong capacity = OptionalLong.empty();
    String capacityText;
    if (!maxUse.value().isEmpty()) {
      ev.add(evidence(maxUse, "journal size limit"));
      capacity = SystemdValues.bytes(maxUse.value());
      capacityText = "SystemMaxUse=" + maxUse.value();
    } else {
      Filesystem f = fs.isSeen() ? fs.value().get("/var/log/journal") : null;
      if (f != null) {
        capacity = OptionalLong.of(Math.min(f.sizeBytes() / 10, FOUR_GIB));
        capacityText =
            "default SystemMaxUse min(10% of "
                + mb(f.sizeBytes())
                + ", 4 GiB) = "
                + mb(capacity.getAsLong());
      } else {
        capacityText =
            "default SystemMaxUse (10% of the filesystem, at most 4 GiB; size not collected)";
      }
    }
    JournaldSetting fileSec = conf.get("MaxFileSec");
    if (!fileSec.at().isBuiltIn()) {
      ev.add(evidence(fileSec, "only when journal files are rotated; does not delete entries"));
    }
    OptionalDouble rate = OptionalDouble.empty();
    // The journal files' headers say nothing both without privilege and with no journal files yet.
    String rateText =
        "write rate unknown (the journal files' headers gave no disk usage or oldest entry: they"
            + " need root, adm or systemd-journal, and journal files to read)";
    if (st != null && st.diskUsage().isPresent() && st.oldestEpoch().isPresent()) {
      double span = (now - st.oldestEpoch().getAsLong()) / 86400.0;
      ev.add(
          Evidence.of(
              "journal file headers",
              0,
              mb(st.diskUsage().getAsLong()) + " over " + RetentionTarget.days(span) + " days",
              "observed"));
      if (span >= 1) {
        rate = OptionalDouble.of(st.diskUsage().getAsLong() / span);
        rateText = mb((long) rate.getAsDouble()) + "/day observed";
      } else {
        rateText = "the oldest entry is less than a day old";
      }
    }
    if (rate.isPresent() && capacity.isPresent()) {
      double days = capacity.getAsLong() / rate.getAsDouble();
      String text = capacityText + " ÷ " + rateText + " = " + RetentionTarget.days(days) + " days";
      if (cap.isPresent() && cap.getAsDouble() < days) {
        days = cap.getAsDouble();
        text +=
            ", capped by MaxRetentionSec="
                + maxRet.value()
                + " = "
                + RetentionTarget.days(days)
                + " days";
      }
      return new JournalEstimate(true, OptionalDouble.of(days), text, ev);
    }
    if (cap.isPresent()) {
      return new JournalEstimate(
          true,
          cap,
          "at most MaxRetentionSec="
              + maxRet.value()
              + " = "
              + RetentionTarget.days(cap.getAsDouble())
              + " days ("
              + capacityText
              + "; "
              + rateText
              + ")",
          ev);
    }
    return new JournalEstimate(true, OptionalDouble.empty(), capacityText + "; " + rateText, ev);
  }

  private static Evidence evidence(JournaldSetting s, String note) {
    SourceLine at = s.at();
    StringBuilder n = new StringBuilder(note);
    for (SourceLine o : s.overridden()) {
      n.append("; overrides ").append(o.location()).append(' ').append(o.text());
    }
    return Evidence.of(at, n.toString());
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  static List<io.auditgap.collect.CollectionItem> needs() {
    List<io.auditgap.collect.CollectionItem> n = new ArrayList<>(RetentionFacts.JOURNALD.needs());
    n.addAll(RetentionFacts.JOURNAL.needs());
    n.addAll(RetentionFacts.FILESYSTEMS.needs());
    n.addAll(RetentionFacts.NOW.needs());
    return n;
  }
}
