package io.auditgap.scan;

/** Progress of a scan, for a terminal progress line. Called from worker threads. */
public interface ScanListener {
  ScanListener NONE = new ScanListener() {};

  default void hostStarted(String host) {}

  default void hostFinished(HostResult result, int done, int total) {}
}
