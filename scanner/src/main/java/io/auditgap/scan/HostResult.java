package io.auditgap.scan;

import io.auditgap.checks.Finding;
import io.auditgap.facts.HostIdentity;
import java.util.List;

/**
 * Everything the reports say about one inventory host.
 *
 * @param address what was connected to ({@code local} for the local machine)
 * @param reason why the host is not fully assessed, or null
 * @param hostKeyFingerprint the verified (or refused) host key, {@code SHA256:...}, or null
 * @param identity what the host is (OS, kernel, container decision, ...); {@link
 *     HostIdentity#UNKNOWN} when nothing was collected
 */
public record HostResult(
    String name,
    String address,
    HostStatus status,
    String reason,
    String hostKeyFingerprint,
    List<Finding> findings,
    CollectionStats stats,
    HostIdentity identity) {
  public HostResult {
    findings = List.copyOf(findings);
    identity = identity == null ? HostIdentity.UNKNOWN : identity;
  }

  public HostResult(
      String name,
      String address,
      HostStatus status,
      String reason,
      String hostKeyFingerprint,
      List<Finding> findings,
      CollectionStats stats) {
    this(name, address, status, reason, hostKeyFingerprint, findings, stats, null);
  }

  /** This result with other findings (the exposure probe adds its own). */
  public HostResult withFindings(List<Finding> other) {
    return new HostResult(
        name, address, status, reason, hostKeyFingerprint, other, stats, identity);
  }
}
