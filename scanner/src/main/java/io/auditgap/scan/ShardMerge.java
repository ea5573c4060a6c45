package io.auditgap.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the results of sharded scans into the result one unsharded scan would have given: the same
 * hosts (each exactly once), in inventory order when the inventory's host order is known, else by
 * name; started at the earliest shard's start, finished at the latest shard's end.
 */
public final class ShardMerge {
  private ShardMerge() {}

  /** A named input, for messages. */
  public record Part(String source, ScanResult result) {}

  /**
   * @param inventoryOrder host names in inventory order; empty to order by name. When given, every
   *     one of them must be in exactly one part (a missing shard is an error).
   * @throws IllegalArgumentException with a one-line reason when the parts do not belong together
   */
  public static ScanResult merge(List<Part> parts, List<String> inventoryOrder) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    ScanResult first = parts.get(0).result();
    Map<String, HostResult> hosts = new LinkedHashMap<>();
    Map<String, String> seenIn = new LinkedHashMap<>();
    Instant started = first.startedAt();
    Instant finished = first.finishedAt();
    for (Part p : parts) {
      ScanResult r = p.result();
      same("tool version", first.toolVersion(), r.toolVersion(), parts.get(0), p);
      same("profile", first.profile(), r.profile(), parts.get(0), p);
      same("inventory", first.inventory(), r.inventory(), parts.get(0), p);
      for (HostResult h : r.hosts()) {
        String before = seenIn.putIfAbsent(h.name(), p.source());
        if (before != null) {
          throw new IllegalArgumentException(
              "host "
                  + h.name()
                  + " is in both "
                  + before
                  + " and "
                  + p.source()
                  + " (overlapping shards or the same report twice)");
        }
        hosts.put(h.name(), h);
      }
      started = started.isBefore(r.startedAt()) ? started : r.startedAt();
      finished = finished.isAfter(r.finishedAt()) ? finished : r.finishedAt();
    }
    List<HostResult> ordered = new ArrayList<>();
    if (inventoryOrder.isEmpty()) {
      ordered.addAll(hosts.values());
      ordered.sort(Comparator.comparing(HostResult::name));
    } else {
      List<String> missing = new ArrayList<>();
      for (String name : inventoryOrder) {
        HostResult h = hosts.remove(name);
        if (h == null) {
          missing.add(name);
        } else {
          ordered.add(h);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            missing.size()
                + " inventory host(s) in no report, e.g. "
                + missing.get(0)
                + " (shard "
                + Shard.of(missing.get(0), Math.max(1, parts.size()))
                + " of "
                + parts.size()
                + " if there are "
                + parts.size()
                + " shards): is a shard's report missing?");
      }
      if (!hosts.isEmpty()) {
        throw new IllegalArgumentException(
            "host " + hosts.keySet().iterator().next() + " is in a report but not the inventory");
      }
    }
    return new ScanResult(
        first.toolVersion(), started, finished, first.inventory(), first.profile(), ordered);
  }

  private static void same(String what, String a, String b, Part pa, Part pb) {
    if (a == null ? b != null : !a.equals(b)) {
      throw new IllegalArgumentException(
          what
              + " differs: '"
              + a
              + "' in "
              + pa.source()
              + " but '"
              + b
              + "' in "
              + pb.source()
              + " (merge only shards of one scan)");
    }
  }
}
