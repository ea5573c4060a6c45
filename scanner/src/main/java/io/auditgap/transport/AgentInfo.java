package io.auditgap.transport;

import com.hierynomus.sshj.userauth.agent.AgentIdentity;
import com.hierynomus.sshj.userauth.agent.AgentProxy;
import com.hierynomus.sshj.userauth.agent.UnixSocketAgentConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What an ssh-agent holds, for {@code inventory show}: never private material, only prints. */
public final class AgentInfo {
  private AgentInfo() {}

  /**
   * The socket an IdentityAgent value names: null/{@code SSH_AUTH_SOCK} reads the environment,
   * {@code $VAR} another variable, {@code none} none (null).
   */
  public static String socket(String identityAgent, Function<String, String> env) {
    if (identityAgent == null || identityAgent.equals("SSH_AUTH_SOCK")) {
      return env.apply("SSH_AUTH_SOCK");
    }
    if (identityAgent.equalsIgnoreCase("none")) {
      return null;
    }
    if (identityAgent.startsWith("$")) {
      return env.apply(identityAgent.substring(1));
    }
    return identityAgent;
  }

  /** {@code /run/user/0/agent.sock: 2 keys (ssh-ed25519 SHA256:..., ...)} or why there is none. */
  public static String describe(String socket, String identityAgent) {
    if (socket == null || socket.isEmpty()) {
      return identityAgent != null && identityAgent.equalsIgnoreCase("none")
          ? "none (IdentityAgent none)"
          : "none (SSH_AUTH_SOCK not set)";
    }
    try (AgentProxy agent = new AgentProxy(new UnixSocketAgentConnection(socket))) {
      List<AgentIdentity> ids = agent.getIdentities();
      List<String> prints = new ArrayList<>();
      for (AgentIdentity id : ids) {
        prints.add(
            SshFingerprints.keyType(id.getPublicKey())
                + " "
                + SshFingerprints.sha256(id.getPublicKey()));
      }
      return socket
          + ": "
          + ids.size()
          + " key"
          + (ids.size() == 1 ? "" : "s")
          + (prints.isEmpty() ? "" : " (" + String.join(", ", prints) + ")");
    } catch (IOException | RuntimeException e) {
      return socket + ": not usable (" + Failures.oneLine(e) + ")";
    }
  }
}
