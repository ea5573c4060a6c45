package io.auditgap.report;

import io.auditgap.review.Comparison;
import io.auditgap.review.Review;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import io.auditgap.scan.HostResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Review} a {@code report.json} carries: waiver marks from the findings, stale waivers
 * and the baseline comparison from the top level; {@link Review#NONE} when it has none of them.
 */
final class ReviewRead {
  private ReviewRead() {}

  static Review review(ReportJson json, List<HostResult> hosts) {
    List<WaiverMark> marks = new ArrayList<>();
    for (int h = 0; h < json.hosts().size(); h++) {
      for (FindingJson f : json.hosts().get(h).findings()) {
        if (f.waiver() != null) {
          marks.add(
              new WaiverMark(
                  hosts.get(h).name(),
                  f.check(),
                  f.waiver().toWaiver(),
                  f.waiver().state() == WaiverJson.State.EXPIRED));
        }
      }
    }
    List<Waiver> stale = json.waivers() == null ? List.of() : json.waivers().staleWaivers();
    boolean given = json.waivers() != null || !marks.isEmpty();
    Comparison comparison = json.baseline() == null ? null : json.baseline().toComparison();
    if (!given && comparison == null) {
      return Review.NONE;
    }
    return new Review(marks, stale, given, comparison);
  }
}
