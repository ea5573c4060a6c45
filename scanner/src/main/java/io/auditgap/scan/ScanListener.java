package io.auditgap.scan;

/** Progress of a scan, for a terminal progress line. Called from worker threads. */
public interface ScanListener {
  ScanListener NONE = new ScanListener() {};

  default void hostStarted(String host) {}

  /** The host's collector has been started (its connection is up); called on a worker thread. */
  default void collecting(String host) {}

  default void hostFinished(HostResult result, int done, int total) {}
}
