package io.auditgap.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * What one target looked like from one vantage. Everything the server sent is sanitized (printable
 * ASCII, length-capped) before it lands here.
 *
 * @param host inventory host name
 * @param vantage vantage name
 * @param address address as probed (name or IP)
 * @param port TCP port
 * @param verdict the classification
 * @param latencyMs time to the TCP verdict (handshake, refusal, or the timeout), in milliseconds
 * @param banner the SSH identification line ({@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}), the
 *     first bytes received for {@code open-not-ssh}, or null
 * @param software the software-version part of the identification ({@code OpenSSH_9.2p1}), or null
 * @param authMethods methods the server offers to a client that asked with {@code none} (sorted as
 *     sent), {@code ["none"]} when the server accepted {@code none}, or null when not learned
 * @param hostKeyFingerprint {@code SHA256:...} of the host key the server presented, or null
 * @param hostKeyType key algorithm ({@code ssh-ed25519}), or null
 * @param reason why the verdict or a missing field is what it is (error text), or null
 */
@JsonPropertyOrder({
  "host",
  "vantage",
  "address",
  "port",
  "verdict",
  "latency_ms",
  "banner",
  "software",
  "auth_methods",
  "host_key_fingerprint",
  "host_key_type",
  "reason"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortResult(
    @JsonProperty("host") String host,
    @JsonProperty("vantage") String vantage,
    @JsonProperty("address") String address,
    @JsonProperty("port") int port,
    @JsonProperty("verdict") PortVerdict verdict,
    @JsonProperty("latency_ms") double latencyMs,
    @JsonProperty("banner") String banner,
    @JsonProperty("software") String software,
    @JsonProperty("auth_methods") List<String> authMethods,
    @JsonProperty("host_key_fingerprint") String hostKeyFingerprint,
    @JsonProperty("host_key_type") String hostKeyType,
    @JsonProperty("reason") String reason) {

  public PortResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(vantage, "vantage");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(verdict, "verdict");
    authMethods = authMethods == null ? null : List.copyOf(authMethods);
  }

  /** A verdict without any SSH detail (closed, filtered, unresolvable). */
  static PortResult of(ProbeTarget t, PortVerdict verdict, double latencyMs, String reason) {
    return new PortResult(
        t.host(),
        t.vantage(),
        t.address(),
        t.port(),
        verdict,
        latencyMs,
        null,
        null,
        null,
        null,
        null,
        reason);
  }

  /** The identity a baseline diff matches results by. */
  public Key key() {
    return new Key(host, vantage, address, port);
  }

  /** True when {@code password}, {@code keyboard-interactive} or {@code none} is offered. */
  public boolean offersPasswordStyleAuth() {
    return authMethods != null
        && (authMethods.contains("password")
            || authMethods.contains("keyboard-interactive")
            || authMethods.contains("none"));
  }

  /** {@code address:port}. */
  public String endpoint() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }

  /** Identity of one probed target: host, vantage, address, port. */
  public record Key(String host, String vantage, String address, int port) {
    @Override
    public String toString() {
      return host + " from " + vantage + " -> " + address + ":" + port;
    }
  }
}
