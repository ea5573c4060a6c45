package io.auditgap.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * An in-process MINA sshd on 127.0.0.1 with scripted commands implemented in Java:
 *
 * <ul>
 *   <li>{@code cat}: echoes stdin until EOF, exit 0
 *   <li>{@code outerr}: "out" on stdout, "err" on stderr, exit 3
 *   <li>{@code print N}: N bytes of 'x', exit 0
 *   <li>{@code flood}: 'y' forever (until the channel closes)
 *   <li>{@code errflood N}: about N bytes on stderr, then "done" on stdout, exit 0
 *   <li>{@code hang}: "partial\n", then nothing, never exits
 *   <li>{@code die N}: N bytes, then the server drops the whole SSH connection
 *   <li>{@code gated}: echoes stdin as it comes until EOF, then exits 0 only once the test opens
 *       {@link #gate}
 *   <li>{@code held}: echoes stdin as it comes until EOF, then never exits (until the channel
 *       closes)
 *   <li>{@code refuse}: the exec request is refused (the command never starts)
 * </ul>
 */
final class TestSshServer implements AutoCloseable {
  final SshServer sshd;
  final KeyPair hostKey;
  final String user;
  final Set<String> authorizedFingerprints = ConcurrentHashMap.newKeySet();
  final CountDownLatch gate = new CountDownLatch(1);

  TestSshServer(String user, boolean forwarding) throws Exception {
    this.user = user;
    this.hostKey = newEcKey();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPublickeyAuthenticator(
        (name, key, session) ->
            user.equals(name) && authorizedFingerprints.contains(KeyUtils.getFingerPrint(key)));
    sshd.setCommandFactory(
        (channel, command) -> {
          if (command.equals("refuse")) {
            throw new IOException("refused by the test server");
          }
          return new ScriptedCommand(command, gate);
        });
    sshd.setForwardingFilter(
        forwarding ? AcceptAllForwardingFilter.INSTANCE : RejectAllForwardingFilter.INSTANCE);
    sshd.start();
  }

  static KeyPair newEcKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  int port() {
    return sshd.getPort();
  }

  /** Authorizes the key of an OpenSSH public key line (a .pub file's content). */
  void authorize(String pubLine) {
    authorizedFingerprints.add(SshFingerprints.sha256OfPublicKeyLine(pubLine));
  }

  String hostKeyFingerprint() {
    return KeyUtils.getFingerPrint(hostKey.getPublic());
  }

  /**
   * The known_hosts line for this server, with the key encoded by MINA (not by the code under
   * test).
   */
  String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  private static final class ScriptedCommand implements Command, Runnable {
    private final String[] argv;
    private final CountDownLatch gate;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private ChannelSession channel;
    private Thread thread;

    ScriptedCommand(String command, CountDownLatch gate) {
      this.argv = command.trim().split("\\s+");
      this.gate = gate;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      this.channel = channel;
      thread = new Thread(this, "test-sshd-command-" + argv[0]);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }

    @Override
    public void run() {
      try {
        switch (argv[0]) {
          case "cat":
            in.transferTo(out);
            out.flush();
            exit.onExit(0);
            break;
          case "gated":
            echoAsItComes();
            gate.await();
            exit.onExit(0);
            break;
          case "outerr":
            out.write("out\n".getBytes());
            out.flush();
            err.write("err\n".getBytes());
            err.flush();
            exit.onExit(3);
            break;
          case "print":
            writeN(Integer.parseInt(argv[1]), (byte) 'x');
            exit.onExit(0);
            break;
          case "flood":
            byte[] chunk = new byte[32768];
            Arrays.fill(chunk, (byte) 'y');
            while (!Thread.currentThread().isInterrupted()) {
              out.write(chunk);
            }
            break;
          case "errflood":
            byte[] e = new byte[32768];
            Arrays.fill(e, (byte) 'e');
            for (long n = Long.parseLong(argv[1]); n > 0; n -= e.length) {
              err.write(e);
            }
            err.flush();
            out.write("done\n".getBytes());
            out.flush();
            exit.onExit(0);
            break;
          case "hang":
            out.write("partial\n".getBytes());
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
            break;
          case "held":
            echoAsItComes();
            Thread.sleep(Long.MAX_VALUE);
            break;
          case "die":
            writeN(Integer.parseInt(argv[1]), (byte) 'z');
            channel.getSession().close(true);
            break;
          default:
            err.write(("unknown command " + argv[0] + "\n").getBytes());
            err.flush();
            exit.onExit(127);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        // the client went away
      }
    }

    /** Echoes stdin to stdout chunk by chunk, as it comes, until EOF. */
    private void echoAsItComes() throws IOException {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    }

    private void writeN(int n, byte b) throws IOException {
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, b);
      int left = n;
      while (left > 0) {
        int k = Math.min(left, chunk.length);
        out.write(chunk, 0, k);
        left -= k;
      }
      out.flush();
    }
  }
}
