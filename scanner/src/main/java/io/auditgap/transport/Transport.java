package io.auditgap.transport;

import io.auditgap.inventory.HostSpec;
import java.time.Duration;

/** Opens connections to hosts. Implementations: SSH (sshj) and the local machine. */
public interface Transport {

  /** Connects and authenticates within {@code timeout}, or throws a classified failure. */
  Connection open(HostSpec host, Duration timeout) throws TransportException;
}
