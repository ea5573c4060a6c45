package io.auditgap.review;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.scan.ScanResult;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished scan is reviewed against: accepted risks and the previous report.
 *
 * @param waivers the accepted risks (inline in the inventory and from a waivers file)
 * @param waiversGiven a waivers file was named (an empty one still marks nothing as accepted)
 * @param baseline the previous scan to compare with, or null
 * @param baselineSource where the baseline was read from, for the report
 */
public record ReviewPlan(
    List<Waiver> waivers, boolean waiversGiven, ScanResult baseline, String baselineSource) {
  public static final ReviewPlan NONE = new ReviewPlan(List.of(), false, null, null);

  public ReviewPlan {
    waivers = List.copyOf(waivers);
  }

  /**
   * The scan with waivers matched (a host's groups come from {@code inventory}, none without) and
   * the baseline compared.
   */
  public ScanResult apply(ScanResult result, Inventory inventory, LocalDate today) {
    ScanResult out = result;
    if (waiversGiven) {
      Map<String, List<String>> groups = new HashMap<>();
      if (inventory != null) {
        for (HostSpec h : inventory.hosts()) {
          groups.put(h.name(), h.groups());
        }
      }
      out =
          new WaiverFilter(waivers, today, name -> groups.getOrDefault(name, List.of())).apply(out);
    }
    if (baseline != null) {
      out =
          out.withReview(
              out.review()
                  .withComparison(BaselineComparison.compare(baseline, out, baselineSource)));
    }
    return out;
  }
}
