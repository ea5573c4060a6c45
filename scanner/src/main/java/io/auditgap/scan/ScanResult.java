package io.auditgap.scan;

import java.time.Instant;
import java.util.List;

/**
 * One scan: its scope and method, and a result for every inventory host (also the unreachable
 * ones).
 */
public record ScanResult(
    String toolVersion,
    Instant startedAt,
    Instant finishedAt,
    String inventory,
    String profile,
    List<HostResult> hosts) {
  public ScanResult {
    hosts = List.copyOf(hosts);
  }
}
