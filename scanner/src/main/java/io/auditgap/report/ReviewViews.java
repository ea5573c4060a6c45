package io.auditgap.report;

import io.auditgap.review.Change;
import io.auditgap.review.Comparison;
import io.auditgap.review.FindingChange;
import io.auditgap.review.Review;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review stage as the documents show it: accepted risks grouped by waiver, expired and stale
 * waivers, and what changed since the baseline. Text is neutralised and capped like the rest of
 * {@link ReportModel}.
 */
public final class ReviewViews {
  /** Findings listed per change kind in the documents; the rest are counted. */
  static final int CHANGES_SHOWN_MAX = 200;

  private ReviewViews() {}

  /**
   * @param waiversGiven waivers were configured for this scan
   * @param accepted one row per waiver that applies (hosts it covered)
   * @param expired one row per expired waiver that matched a finding
   * @param stale waivers that matched nothing
   * @param baseline the comparison, or null without a baseline
   */
  public record View(
      boolean waiversGiven,
      List<ReportModel.AcceptedRisk> accepted,
      List<ReportModel.AcceptedRisk> expired,
      List<StaleView> stale,
      BaselineView baseline) {
    public boolean hasBaseline() {
      return baseline != null;
    }
  }

  public record StaleView(String check, String hosts, String reason, String source) {}

  public record BaselineView(
      String file,
      String startedAt,
      String countsLine,
      List<ReportModel.Count> counts,
      List<ChangeView> newFindings,
      int moreNew,
      List<ChangeView> fixed,
      int moreFixed,
      List<ChangeView> other,
      int moreOther,
      String hostsAdded,
      String hostsRemoved) {}

  public record ChangeView(
      String host, String check, String title, String severity, String detail) {}

  static View of(ScanResult r) {
    Review review = r.review();
    Map<Waiver, Set<String>> accepted = new LinkedHashMap<>();
    Map<Waiver, Set<String>> expired = new LinkedHashMap<>();
    Map<Waiver, Set<String>> checks = new LinkedHashMap<>();
    for (WaiverMark m : review.marks()) {
      (m.expired() ? expired : accepted)
          .computeIfAbsent(m.waiver(), k -> new LinkedHashSet<>())
          .add(m.host());
      checks.computeIfAbsent(m.waiver(), k -> new LinkedHashSet<>()).add(m.check());
    }
    List<StaleView> stale = new ArrayList<>();
    for (Waiver w : review.stale()) {
      stale.add(
          new StaleView(
              line(w.check()),
              line(String.join(", ", w.hosts())),
              line(w.justification()),
              line(w.origin())));
    }
    return new View(
        review.waiversGiven(),
        risks(accepted, checks),
        risks(expired, checks),
        List.copyOf(stale),
        review.comparison().map(ReviewViews::baseline).orElse(null));
  }

  private static List<ReportModel.AcceptedRisk> risks(
      Map<Waiver, Set<String>> byWaiver, Map<Waiver, Set<String>> checks) {
    List<ReportModel.AcceptedRisk> out = new ArrayList<>();
    for (Map.Entry<Waiver, Set<String>> e : byWaiver.entrySet()) {
      Waiver w = e.getKey();
      Set<String> matched = checks.get(w);
      String check =
          matched.size() == 1 && matched.contains(w.check())
              ? w.check()
              : w.check() + " (" + String.join(", ", matched) + ")";
      out.add(
          new ReportModel.AcceptedRisk(
              line(check),
              line(String.join(", ", e.getValue())),
              line(w.justification()),
              line(w.approval()),
              w.expires().toString()));
    }
    return List.copyOf(out);
  }

  private static BaselineView baseline(Comparison c) {
    List<ChangeView> added = new ArrayList<>();
    List<ChangeView> fixed = new ArrayList<>();
    List<ChangeView> other = new ArrayList<>();
    int[] more = new int[3];
    for (FindingChange fc : c.changes()) {
      List<ChangeView> target;
      int slot;
      if (fc.change() == Change.NEW) {
        target = added;
        slot = 0;
      } else if (fc.change() == Change.FIXED) {
        target = fixed;
        slot = 1;
      } else {
        target = other;
        slot = 2;
      }
      if (target.size() == CHANGES_SHOWN_MAX) {
        more[slot]++;
        continue;
      }
      target.add(
          new ChangeView(
              line(fc.host()),
              line(fc.check()),
              line(fc.title()),
              fc.severity() == null ? "info" : fc.severity().id(),
              (fc.change() == Change.NEW || fc.change() == Change.FIXED
                      ? ""
                      : fc.change().id() + ": ")
                  + line(fc.detail())));
    }
    List<ReportModel.Count> counts = new ArrayList<>();
    for (Map.Entry<Change, Integer> e : c.counts().entrySet()) {
      counts.add(new ReportModel.Count(e.getKey().id(), e.getValue()));
    }
    return new BaselineView(
        line(c.baseline()),
        c.baselineStartedAt() == null ? "" : c.baselineStartedAt().toString(),
        c.countsLine(),
        List.copyOf(counts),
        List.copyOf(added),
        more[0],
        List.copyOf(fixed),
        more[1],
        List.copyOf(other),
        more[2],
        line(String.join(", ", c.hostsAdded())),
        line(String.join(", ", c.hostsRemoved())));
  }

  private static String line(String s) {
    return TerminalText.line(s, ReportModel.TEXT_MAX);
  }
}
