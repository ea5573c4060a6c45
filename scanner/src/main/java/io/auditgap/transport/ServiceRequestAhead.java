package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.Service;

/**
 * Asks for the {@code ssh-userauth} service without waiting for the server's accept, so that the
 * first authentication request follows the service request in the same round trip: one round trip
 * less per host (RFC 4253 section 10; the server answers in order, so its accept arrives before any
 * answer to the authentication request).
 *
 * <p>sshj requests a service and waits for the accept in one call, and its transport refuses an
 * accept that nobody waits for. So the request is made, and waited for, on a thread of its own;
 * once that thread's request is on the wire (its write to the socket is seen), the authentication
 * service is made the active one, and sshj's {@code auth} then sends its request at once instead of
 * asking for the service again. The transport takes the accept while that thread waits, as it
 * always did. When the request never goes out (the connection is already gone), nothing is changed
 * and {@code auth} fails as before.
 */
final class ServiceRequestAhead {
  private ServiceRequestAhead() {}

  /**
   * Sends the service request of {@code client}'s authentication service through {@code sniffer}'s
   * socket and returns once it is written (or could not be), at most {@code timeoutMs} later.
   */
  static void begin(SSHClient client, BannerSniffer sniffer, long timeoutMs) {
    Service auth = (Service) client.getUserAuth();
    CountDownLatch sent = new CountDownLatch(1);
    // made before it starts, so that its writes are watched from the first
    Thread requester =
        DaemonThreads.named("userauth-request")
            .newThread(
                () -> {
                  try {
                    client.getTransport().reqService(auth);
                  } catch (Exception e) {
                    // The authentication that follows meets the same dead transport and says why.
                  } finally {
                    sent.countDown();
                  }
                });
    sniffer.onWriteBy(requester, sent::countDown);
    requester.start();
    try {
      if (!sent.await(timeoutMs, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      sniffer.onWriteBy(null, null);
    }
    if (requester.isAlive()) {
      client.getTransport().setService(auth);
    }
  }
}
