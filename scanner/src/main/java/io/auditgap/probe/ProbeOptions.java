package io.auditgap.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How to probe.
 *
 * @param connectTimeout TCP handshake; no answer within it = {@code filtered}
 * @param bannerTimeout wait for the SSH identification after the handshake; none within it = {@code
 *     open-not-ssh}
 * @param authTimeout key exchange plus the {@code none} authentication request
 * @param authMethods ask open SSH ports for their authentication methods (and host key)
 * @param authParallel how many key exchanges run at once (they cost CPU on both ends)
 * @param user user name sent with the {@code none} request; no credential is ever sent
 */
public record ProbeOptions(
    Duration connectTimeout,
    Duration bannerTimeout,
    Duration authTimeout,
    boolean authMethods,
    int authParallel,
    String user) {
  public static final String DEFAULT_USER = "auditgap-probe";

  public ProbeOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(bannerTimeout, "bannerTimeout");
    Objects.requireNonNull(authTimeout, "authTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (authParallel < 1) {
      throw new IllegalArgumentException("authParallel must be at least 1");
    }
    user = user == null || user.isBlank() ? DEFAULT_USER : user;
  }

  /** {@code timeout} for connect and banner, 5 s (at least the timeout) for authentication. */
  public static ProbeOptions withTimeout(Duration timeout) {
    Duration auth = timeout.compareTo(Duration.ofSeconds(5)) > 0 ? timeout : Duration.ofSeconds(5);
    return new ProbeOptions(timeout, timeout, auth, true, 16, DEFAULT_USER);
  }

  public ProbeOptions withoutAuthMethods() {
    return new ProbeOptions(connectTimeout, bannerTimeout, authTimeout, false, authParallel, user);
  }
}
