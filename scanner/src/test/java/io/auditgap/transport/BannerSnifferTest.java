package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BannerSnifferTest {
  private static final int TIMEOUT_MS = 10_000;

  @Test
  void theSocketBegunEarlyIsHandedOutOnceAndReadsWhatTheServerSentMeanwhile() throws Exception {
    byte[] banner = "SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(TIMEOUT_MS);
      BannerSniffer sniffer = new BannerSniffer();
      sniffer.connectEarly("127.0.0.1", server.getLocalPort(), TIMEOUT_MS);
      // The server accepts and speaks before the client asks for its socket.
      try (Socket accepted = server.accept()) {
        accepted.getOutputStream().write(banner);
        accepted.getOutputStream().flush();
        Socket s = sniffer.createSocket();
        // What sshj does: connect only what is not connected yet; either way it is this one.
        s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), TIMEOUT_MS);
        assertTrue(s.isConnected());
        assertEquals(accepted.getPort(), s.getLocalPort(), "the connection the server accepted");
        InputStream in = s.getInputStream();
        assertArrayEquals(banner, in.readNBytes(banner.length));
        assertTrue(sniffer.sawSshBanner());
        assertTrue(sniffer.connected());
        // Nagle off: a small SSH packet right behind another (NEWKEYS, then the service and
        // authentication requests) must not wait for the server's delayed acknowledgement
        assertTrue(s.getTcpNoDelay());
        Socket next = sniffer.createSocket();
        assertNotSame(s, next, "the early socket is handed out once");
        assertFalse(next.isConnected());
        assertTrue(next.getTcpNoDelay());
        sniffer.closeAll();
        assertTrue(s.isClosed() && next.isClosed());
      }
    }
  }

  @Test
  void anEarlyConnectThatFailsFailsTheConnectAsItWould() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    BannerSniffer sniffer = new BannerSniffer();
    sniffer.connectEarly("127.0.0.1", closedPort, TIMEOUT_MS);
    Socket s = sniffer.createSocket();
    assertThrows(
        ConnectException.class,
        () -> s.connect(new InetSocketAddress("127.0.0.1", closedPort), TIMEOUT_MS));

    BannerSniffer unresolvable = new BannerSniffer();
    unresolvable.connectEarly("no-such-host.invalid", 22, TIMEOUT_MS);
    Socket u = unresolvable.createSocket();
    assertThrows(
        UnknownHostException.class,
        () -> u.connect(new InetSocketAddress("no-such-host.invalid", 22), TIMEOUT_MS));
  }

  @Test
  void afterCloseAllNoSocketIsHandedOut() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      BannerSniffer sniffer = new BannerSniffer();
      sniffer.connectEarly("127.0.0.1", server.getLocalPort(), TIMEOUT_MS);
      sniffer.closeAll();
      IOException e = assertThrows(IOException.class, sniffer::createSocket);
      assertEquals("connection attempt abandoned", e.getMessage());
      BannerSniffer late = new BannerSniffer();
      late.closeAll();
      late.connectEarly("127.0.0.1", server.getLocalPort(), TIMEOUT_MS);
      assertThrows(IOException.class, late::createSocket, "nothing begins once closed");
    }
  }
}
