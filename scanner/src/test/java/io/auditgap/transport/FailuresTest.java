package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;

/**
 * The shapes in which sshj reports a connection the peer dropped, as they reach the exec starter
 * (inside the pool's ExecutionException), depending on how far sshj's reader got in dying.
 */
class FailuresTest {
  private static Throwable fromPool(Throwable t) {
    return new ExecutionException(t);
  }

  @Test
  void writeOnTheSocketTheDyingReaderJustClosedIsALostConnection() {
    // Seen under load: the next exec's channel-open write, after sshj closed the socket but
    // before it marked the transport closed.
    Throwable e = fromPool(new TransportException(new SocketException("Socket closed")));
    assertTrue(Failures.connectionLost(e));
  }

  @Test
  void brokenPipeAndResetAreALostConnection() {
    assertTrue(
        Failures.connectionLost(
            fromPool(new TransportException(new SocketException("Broken pipe")))));
    assertTrue(
        Failures.connectionLost(
            fromPool(
                new ConnectionException(
                    new TransportException(new SocketException("Connection reset"))))));
  }

  @Test
  void readerEofDeliveredToTheWaitingChannelIsALostConnection() {
    Throwable e =
        fromPool(
            new ConnectionException(new TransportException("Broken transport; encountered EOF")));
    assertTrue(Failures.connectionLost(e));
    assertTrue(Failures.connectionLost(fromPool(new TransportException(new EOFException("eof")))));
  }

  @Test
  void aDisconnectReasonIsALostConnection() {
    assertTrue(
        Failures.connectionLost(
            fromPool(new TransportException(DisconnectReason.CONNECTION_LOST, "Disconnected"))));
    assertTrue(
        Failures.connectionLost(
            fromPool(new ConnectionException(DisconnectReason.BY_APPLICATION, "closed"))));
  }

  @Test
  void otherFailuresAreNotALostConnection() {
    assertFalse(Failures.connectionLost(fromPool(new IOException("exec abandoned"))));
    assertFalse(
        Failures.connectionLost(fromPool(new ConnectionException("unexpected channel request"))));
    assertFalse(
        Failures.connectionLost(
            fromPool(new TransportException(new TimeoutException("Timeout expired")))));
    // A socket failure outside sshj (no SSH layer involved) is not evidence about this connection.
    assertFalse(
        Failures.connectionLost(new UncheckedIOException(new SocketException("Socket closed"))));
  }
}
