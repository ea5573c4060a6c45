package io.auditgap.transport;

/** Why a host could not be reached, trusted or used; each maps to one clear message. */
public enum TransportFailure {
  UNRESOLVABLE,
  REFUSED,
  CONNECT_TIMEOUT,
  NOT_SSH,
  HOST_KEY_UNKNOWN,
  HOST_KEY_CHANGED,
  AUTH_FAILED,
  KEY_UNREADABLE,
  JUMP_FAILED,
  CHANNEL_REFUSED,
  DISCONNECTED,
  DEADLINE,
  ERROR
}
