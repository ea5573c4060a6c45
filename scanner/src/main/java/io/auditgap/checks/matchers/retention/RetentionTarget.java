package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.retention.RotationRetention;
import java.util.List;

/**
 * Compares a computed retention in days with the scan's targets: {@code retention_days} (default
 * 365) and {@code retention_immediate_days} (default 90, PCI DSS 10.5.1). A local shortfall passes
 * only when {@code siem_retention_days} (attested by the operator for the off-host copy, default 0)
 * reaches the target: the scanner cannot see the SIEM, so the attestation is an input, and the
 * reason says the pass rests on it.
 */
final class RetentionTarget {
  final int target;
  final int immediate;
  final int siem;

  private RetentionTarget(int target, int immediate, int siem) {
    this.target = target;
    this.immediate = immediate;
    this.siem = siem;
  }

  static RetentionTarget of(CheckParams p) {
    return new RetentionTarget(
        p.integer("retention_days", 365),
        p.integer("retention_immediate_days", 90),
        p.integer("siem_retention_days", 0));
  }

  private boolean forwardingCovers() {
    return siem >= target;
  }

  private String forwarding() {
    return "long-term retention satisfied by forwarding (attested " + siem + " days)";
  }

  /** A known number of local days. */
  Verdict judge(String what, double days, String arithmetic, List<Evidence> ev) {
    if (days >= target) {
      return Verdict.pass(what + ": " + arithmetic + " ≥ " + target + " days target", ev);
    }
    if (forwardingCovers()) {
      return Verdict.pass(
          forwarding() + "; locally " + what + " keeps " + arithmetic + " < " + target, ev);
    }
    return Verdict.fail(
        what
            + ": "
            + arithmetic
            + " < "
            + target
            + " days target"
            + (days >= immediate
                ? " (covers the " + immediate + "-day immediately-available window)"
                : " and below the " + immediate + "-day immediately-available window"),
        ev);
  }

  /** Nothing deletes the log locally: bounded only by the disk. */
  Verdict unbounded(String what, String why, List<Evidence> ev) {
    return Verdict.pass(
        what + ": " + why + "; kept until the disk fills or someone deletes it", ev);
  }

  /** The days could not be computed; forwarding attestation may still settle it. */
  Verdict unknownDays(String what, String why, List<Evidence> ev) {
    if (forwardingCovers()) {
      return Verdict.pass(forwarding() + "; local " + what + " days unknown: " + why, ev);
    }
    return Verdict.unknown(what + ": retention in days unknown: " + why, ev);
  }

  static String days(double d) {
    // Beyond ten years the figure says more about a quiet or young log than about retention.
    if (d > 3650) {
      return "over 3650";
    }
    return RotationRetention.fmt(Math.floor(d * 10) / 10);
  }
}
