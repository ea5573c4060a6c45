package io.auditgap.transport;

import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.KeyedAuthMethod;

/**
 * Public-key authentication with a key whose private half is in hand (a key file): the signed
 * request goes out at once, without first asking whether the server would accept the key (RFC 4252
 * section 7 allows both). sshj's {@code AuthPublickey} asks first, which costs one round trip per
 * host; the signature covers this connection's session identifier, so sending it to a server that
 * refuses the key reveals nothing usable elsewhere. Agent keys keep asking first: the agent may
 * require a confirmation for each signature.
 */
final class SignedPublickey extends KeyedAuthMethod {
  private volatile Runnable afterRequest;

  SignedPublickey(KeyProvider key) {
    super("publickey", key);
  }

  /** Runs {@code r} once the signed request has been written (see {@link SessionAhead}). */
  void afterRequest(Runnable r) {
    afterRequest = r;
  }

  @Override
  public void request() throws UserAuthException, TransportException {
    super.request();
    Runnable r = afterRequest;
    afterRequest = null;
    if (r != null) {
      r.run();
    }
  }

  @Override
  protected SSHPacket buildReq() throws UserAuthException {
    return putSig(putPubKey(super.buildReq().putBoolean(true)));
  }
}
