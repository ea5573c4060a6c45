package io.auditgap.scan;

import io.auditgap.checks.Finding;
import java.util.List;

/**
 * Everything the reports say about one inventory host.
 *
 * @param address what was connected to ({@code local} for the local machine)
 * @param reason why the host is not fully assessed, or null
 * @param hostKeyFingerprint the verified (or refused) host key, {@code SHA256:...}, or null
 */
public record HostResult(
    String name,
    String address,
    HostStatus status,
    String reason,
    String hostKeyFingerprint,
    List<Finding> findings,
    CollectionStats stats) {
  public HostResult {
    findings = List.copyOf(findings);
  }
}
