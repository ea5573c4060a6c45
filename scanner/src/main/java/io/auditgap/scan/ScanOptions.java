package io.auditgap.scan;

import io.auditgap.collect.CollectorLimits;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a scan.
 *
 * @param parallel hosts in flight at once
 * @param connectTimeout connect plus authentication, per host
 * @param hostTimeout the whole host (connect, collect), after which it is abandoned
 * @param settings scan-wide check parameters (profile, uid_min, ...)
 */
public record ScanOptions(
    int parallel,
    Duration connectTimeout,
    Duration hostTimeout,
    CollectorLimits limits,
    String profile,
    Map<String, Object> settings) {
  public ScanOptions {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1");
    }
    settings = Map.copyOf(settings);
  }
}
