package io.auditgap.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between a baseline probe and a new one, matched by (host, vantage, address, port). A
 * <em>new exposure</em> is a target that became reachable (including a target absent from the
 * baseline that is reachable now) or that newly offers {@code password}, {@code
 * keyboard-interactive} or {@code none}: the CLI fails on it.
 */
public final class ProbeDiff {

  /** Kinds of change, in report order. */
  public enum Kind {
    NEWLY_OPEN,
    NEWLY_CLOSED,
    BANNER_CHANGED,
    AUTH_METHODS_CHANGED,
    HOST_KEY_CHANGED,
    NOT_IN_BASELINE,
    NO_LONGER_PROBED;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One change of one target.
   *
   * @param before the baseline result, or null ({@link Kind#NOT_IN_BASELINE})
   * @param after the new result, or null ({@link Kind#NO_LONGER_PROBED})
   * @param newExposure true when this change makes the target more exposed
   * @param summary one line for reports
   */
  public record Change(
      Kind kind,
      PortResult.Key key,
      PortResult before,
      PortResult after,
      boolean newExposure,
      String summary) {}

  private final List<Change> changes;

  private ProbeDiff(List<Change> changes) {
    this.changes = List.copyOf(changes);
  }

  public static ProbeDiff compare(ProbeReport baseline, ProbeReport current) {
    Map<PortResult.Key, PortResult> before = index(baseline);
    Map<PortResult.Key, PortResult> after = index(current);
    List<Change> out = new ArrayList<>();
    for (Map.Entry<PortResult.Key, PortResult> e : after.entrySet()) {
      PortResult now = e.getValue();
      PortResult was = before.get(e.getKey());
      if (was == null) {
        boolean exposed = now.verdict().reachable();
        out.add(
            new Change(
                Kind.NOT_IN_BASELINE,
                e.getKey(),
                null,
                now,
                exposed,
                e.getKey() + ": not in the baseline, now " + now.verdict().id()));
        continue;
      }
      compareOne(e.getKey(), was, now, out);
    }
    for (Map.Entry<PortResult.Key, PortResult> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        out.add(
            new Change(
                Kind.NO_LONGER_PROBED,
                e.getKey(),
                e.getValue(),
                null,
                false,
                e.getKey() + ": in the baseline, not probed now"));
      }
    }
    return new ProbeDiff(out);
  }

  private static void compareOne(
      PortResult.Key key, PortResult was, PortResult now, List<Change> out) {
    boolean wasUp = was.verdict().reachable();
    boolean isUp = now.verdict().reachable();
    if (!wasUp && isUp) {
      out.add(
          new Change(
              Kind.NEWLY_OPEN,
              key,
              was,
              now,
              true,
              key + ": " + was.verdict().id() + " -> " + now.verdict().id()));
    } else if (wasUp && !isUp && now.verdict() != PortVerdict.UNRESOLVABLE) {
      out.add(
          new Change(
              Kind.NEWLY_CLOSED,
              key,
              was,
              now,
              false,
              key + ": " + was.verdict().id() + " -> " + now.verdict().id()));
    }
    if (!isUp || !wasUp) {
      return;
    }
    if (!Objects.equals(was.banner(), now.banner())) {
      out.add(
          new Change(
              Kind.BANNER_CHANGED,
              key,
              was,
              now,
              false,
              key + ": banner '" + was.banner() + "' -> '" + now.banner() + "'"));
    }
    if (was.authMethods() != null
        && now.authMethods() != null
        && !was.authMethods().equals(now.authMethods())) {
      boolean newlyPasswordStyle = now.offersPasswordStyleAuth() && !was.offersPasswordStyleAuth();
      out.add(
          new Change(
              Kind.AUTH_METHODS_CHANGED,
              key,
              was,
              now,
              newlyPasswordStyle,
              key
                  + ": auth methods "
                  + String.join(",", was.authMethods())
                  + " -> "
                  + String.join(",", now.authMethods())));
    } else if (was.authMethods() == null
        && now.authMethods() != null
        && now.offersPasswordStyleAuth()
        && was.verdict() == PortVerdict.OPEN_NOT_SSH) {
      out.add(
          new Change(
              Kind.AUTH_METHODS_CHANGED,
              key,
              was,
              now,
              true,
              key + ": now SSH offering " + String.join(",", now.authMethods())));
    }
    if (was.hostKeyFingerprint() != null
        && now.hostKeyFingerprint() != null
        && !was.hostKeyFingerprint().equals(now.hostKeyFingerprint())) {
      out.add(
          new Change(
              Kind.HOST_KEY_CHANGED,
              key,
              was,
              now,
              false,
              key + ": host key " + was.hostKeyFingerprint() + " -> " + now.hostKeyFingerprint()));
    }
  }

  private static Map<PortResult.Key, PortResult> index(ProbeReport r) {
    Map<PortResult.Key, PortResult> m = new LinkedHashMap<>();
    for (PortResult p : r.targets()) {
      m.put(p.key(), p);
    }
    return m;
  }

  public List<Change> changes() {
    return changes;
  }

  public List<Change> of(Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  /** The changes that make something more exposed; the CLI fails when this is not empty. */
  public List<Change> newExposures() {
    return changes.stream().filter(Change::newExposure).toList();
  }

  public boolean hasNewExposure() {
    return changes.stream().anyMatch(Change::newExposure);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
