package io.auditgap.review;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a scan with a baseline scan, host by host (by name) and check by check (by id).
 *
 * <ul>
 *   <li>{@code new}: failed or unknown now, and not with the same status before (also every failed
 *       or unknown finding of a host the baseline did not have);
 *   <li>{@code fixed}: failed or unknown before, passes or is not applicable now;
 *   <li>{@code changed}: same status, different reason or evidence (or pass ↔ not applicable);
 *   <li>{@code unchanged}: same status, same reason and evidence, apart from the order of the
 *       evidence and measured figures ({@link FindingSubstance});
 *   <li>{@code unverified}: the host was not assessed now, or a check that failed or was unknown
 *       before was not evaluated now, or a failed check is unknown now: never reported as fixed
 *       (nothing was seen) nor as new (the host did not change, the scan did not reach it).
 * </ul>
 *
 * <p>Hosts that are only in the baseline are listed as removed; their findings are not compared.
 */
public final class BaselineComparison {
  private BaselineComparison() {}

  /**
   * @param label how the reports name the baseline (its file name)
   */
  public static Comparison compare(ScanResult baseline, ScanResult current, String label) {
    Map<String, HostResult> before = new LinkedHashMap<>();
    for (HostResult h : baseline.hosts()) {
      before.putIfAbsent(h.name(), h);
    }
    List<FindingChange> changes = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int unchanged = 0;
    for (HostResult now : current.hosts()) {
      HostResult was = before.remove(now.name());
      if (was == null) {
        added.add(now.name());
      }
      Map<String, Finding> old = was == null ? Map.of() : byCheck(was);
      Map<String, Finding> cur = byCheck(now);
      boolean assessed = now.status() == HostStatus.ASSESSED || now.status() == HostStatus.PARTIAL;
      for (Finding f : cur.values()) {
        Finding b = old.get(f.check());
        FindingChange c =
            assessed || b == null
                ? classify(now.name(), b, f)
                : change(
                    now.name(),
                    f,
                    Change.UNVERIFIED,
                    b.status(),
                    "was "
                        + (b.status() == null ? "unknown" : b.status().id())
                        + "; host not assessed now ("
                        + (now.status() == null ? "error" : now.status().id())
                        + ")");
        if (c.change() == Change.UNCHANGED) {
          unchanged++;
        } else {
          changes.add(c);
        }
      }
      for (Finding b : old.values()) {
        if (!cur.containsKey(b.check()) && (problem(b.status()) || !assessed)) {
          changes.add(
              new FindingChange(
                  now.name(),
                  b.check(),
                  b.title(),
                  b.severity(),
                  Change.UNVERIFIED,
                  b.status(),
                  null,
                  assessed
                      ? "was " + b.status().id() + "; not evaluated in this scan"
                      : "was "
                          + b.status().id()
                          + "; host not assessed now ("
                          + (now.status() == null ? "error" : now.status().id())
                          + ")"));
        }
      }
    }
    return new Comparison(
        label, baseline.startedAt(), changes, unchanged, added, new ArrayList<>(before.keySet()));
  }

  private static FindingChange classify(String host, Finding b, Finding f) {
    Status now = f.status() == null ? Status.UNKNOWN : f.status();
    if (b == null) {
      return change(
          host,
          f,
          problem(now) ? Change.NEW : Change.UNCHANGED,
          null,
          "not in the baseline; " + now.id() + " now");
    }
    Status was = b.status() == null ? Status.UNKNOWN : b.status();
    if (was == now) {
      boolean same = FindingSubstance.sameApartFromFigures(f, b);
      return change(
          host,
          f,
          same ? Change.UNCHANGED : Change.CHANGED,
          was,
          same ? "" : now.id() + " as before, with different evidence");
    }
    if (was == Status.FAIL && now == Status.UNKNOWN) {
      return change(host, f, Change.UNVERIFIED, was, "was fail, unknown now");
    }
    if (problem(now)) {
      return change(host, f, Change.NEW, was, "was " + was.id() + ", " + now.id() + " now");
    }
    if (problem(was)) {
      return change(host, f, Change.FIXED, was, "was " + was.id() + ", " + now.id() + " now");
    }
    return change(host, f, Change.CHANGED, was, "was " + was.id() + ", " + now.id() + " now");
  }

  private static FindingChange change(
      String host, Finding f, Change c, Status before, String detail) {
    return new FindingChange(
        host, f.check(), f.title(), f.severity(), c, before, f.status(), detail);
  }

  private static boolean problem(Status s) {
    return s == Status.FAIL || s == Status.UNKNOWN;
  }

  /** The first finding per check (a host has one per check). */
  private static Map<String, Finding> byCheck(HostResult h) {
    Map<String, Finding> m = new LinkedHashMap<>();
    for (Finding f : h.findings()) {
      m.putIfAbsent(f.check(), f);
    }
    return m;
  }
}
