package io.auditgap.scan;

import java.util.Locale;

/** How far a host could be assessed. */
public enum HostStatus {
  /** Collected completely and every check evaluated. */
  ASSESSED,
  /** Collected, but some evidence was missing (privilege, timeout, truncation). */
  PARTIAL,
  /** Could not connect (DNS, refused, timeout). */
  UNREACHABLE,
  /** Connected, but the host key was unknown or changed: nothing was sent. */
  UNTRUSTED,
  /** Connected and trusted, but authentication failed. */
  AUTH_FAILED,
  /** Anything else that stopped collection. */
  ERROR;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
