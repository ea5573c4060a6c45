package io.auditgap.review;

import java.time.LocalDate;
import java.util.List;

/**
 * One accepted risk as written in a waivers file or an inventory.
 *
 * @param check a check id or a glob over check ids ({@code audit.rules-*})
 * @param hosts host names, host-name globs or group names
 * @param expires the last day on which the waiver applies (UTC)
 * @param origin where it was written, {@code file:line:column}
 */
public record Waiver(
    String check,
    List<String> hosts,
    String justification,
    String owner,
    String ticket,
    LocalDate expires,
    String origin) {
  public Waiver {
    hosts = List.copyOf(hosts);
    owner = owner == null ? "" : owner;
    ticket = ticket == null ? "" : ticket;
    origin = origin == null ? "" : origin;
  }

  /** True when {@code today} is after the expiry date. */
  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }

  /** {@code secops, SEC-101} or whichever of owner and ticket is set. */
  public String approval() {
    if (owner.isEmpty()) {
      return ticket;
    }
    return ticket.isEmpty() ? owner : owner + ", " + ticket;
  }
}
