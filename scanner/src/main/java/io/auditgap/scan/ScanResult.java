package io.auditgap.scan;

import io.auditgap.review.Review;
import java.time.Instant;
import java.util.List;

/**
 * One scan: its scope and method, and a result for every inventory host (also the unreachable
 * ones).
 *
 * @param review accepted risks and the comparison with a baseline ({@link Review#NONE} without)
 */
public record ScanResult(
    String toolVersion,
    Instant startedAt,
    Instant finishedAt,
    String inventory,
    String profile,
    List<HostResult> hosts,
    Review review) {
  public ScanResult {
    hosts = List.copyOf(hosts);
    review = review == null ? Review.NONE : review;
  }

  public ScanResult(
      String toolVersion,
      Instant startedAt,
      Instant finishedAt,
      String inventory,
      String profile,
      List<HostResult> hosts) {
    this(toolVersion, startedAt, finishedAt, inventory, profile, hosts, Review.NONE);
  }

  /** The same scan with other review annotations. */
  public ScanResult withReview(Review r) {
    return new ScanResult(toolVersion, startedAt, finishedAt, inventory, profile, hosts, r);
  }
}
