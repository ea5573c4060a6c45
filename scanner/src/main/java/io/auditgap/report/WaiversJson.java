package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.auditgap.review.Review;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import java.util.List;

/**
 * The top-level {@code waivers} object: present when waivers were given, even if none matched (the
 * reports then say so).
 */
record WaiversJson(
    @JsonProperty(required = true) int accepted,
    @JsonProperty(required = true) int expired,
    @JsonProperty(required = true) List<WaiverJson> stale) {

  WaiversJson {
    ReportJson.present(stale, "stale");
  }

  /** Null when no waivers were given: the key is then absent. */
  static WaiversJson of(Review review) {
    if (!review.waiversGiven()) {
      return null;
    }
    int accepted = (int) review.marks().stream().filter(WaiverMark::accepted).count();
    return new WaiversJson(
        accepted,
        review.marks().size() - accepted,
        review.stale().stream().map(w -> WaiverJson.of(w, null)).toList());
  }

  List<Waiver> staleWaivers() {
    return stale.stream().map(WaiverJson::toWaiver).toList();
  }
}
