package io.auditgap.facts.sshd;

/**
 * The connection a Match block is evaluated for, as {@code sshd -T -C} takes it.
 *
 * @param user login name
 * @param host remote host name as sshd sees it
 * @param address remote IP address
 */
public record Connection(String user, String host, String address) {
  /**
   * A generic remote source: TEST-NET-3 address 203.0.113.1 (RFC 5737, never a real peer) and host
   * "unknown", so only Match blocks that apply to any remote connection are taken.
   */
  public static Connection genericRemote(String user) {
    return new Connection(user, "unknown", "203.0.113.1");
  }

  /** The {@code -C} argument sshd takes for this connection. */
  public String spec() {
    return "user=" + user + ",host=" + host + ",addr=" + address;
  }
}
