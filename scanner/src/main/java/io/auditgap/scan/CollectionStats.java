package io.auditgap.scan;

/**
 * Cost of collecting one host.
 *
 * @param bytes bundle bytes received
 * @param items items in the bundle
 * @param execChannels exec channels opened on the host (the design requires exactly one)
 * @param durationMillis connect plus collect, wall time
 */
public record CollectionStats(long bytes, int items, int execChannels, long durationMillis) {
  public static final CollectionStats NONE = new CollectionStats(0, 0, 0, 0);
}
