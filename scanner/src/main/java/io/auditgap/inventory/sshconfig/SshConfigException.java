package io.auditgap.inventory.sshconfig;

/** An ssh_config that cannot be read or that asks for something auditgap cannot honour. */
public final class SshConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public SshConfigException(String message) {
    super(message);
  }
}
