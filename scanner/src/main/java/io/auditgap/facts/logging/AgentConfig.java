package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.List;

/**
 * What a log shipping agent's configuration says it reads and where it sends it.
 *
 * @param agent product name ({@code Wazuh agent}, {@code Splunk UF}, ...)
 * @param unit the systemd unit (and key in {@link LoggingServices#UNITS})
 * @param output the non-local destination, or null when none is configured
 * @param authInputs inputs that read the auth log or the journal
 * @param auditInputs inputs that read /var/log/audit or the audit netlink
 * @param tls transport encryption with server verification as configured, null when unknown
 * @param opaque why the effective config cannot be seen (Fleet-managed, centrally pushed), or null
 */
public record AgentConfig(
    String agent,
    String unit,
    SourceLine output,
    List<SourceLine> authInputs,
    List<SourceLine> auditInputs,
    Boolean tls,
    String opaque) {
  public AgentConfig {
    authInputs = List.copyOf(authInputs);
    auditInputs = List.copyOf(auditInputs);
  }
}
