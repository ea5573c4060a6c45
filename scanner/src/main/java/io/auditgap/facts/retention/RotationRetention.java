package io.auditgap.facts.retention;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How many days of a log a logrotate block keeps: period × (rotate + 1) for the live file, capped
 * by {@code maxage}. Size-triggered blocks have no period: their days depend on the write rate.
 *
 * @param days empty when it depends on the write rate (size-only) — never guessed
 * @param unbounded {@code rotate -1} without maxage: copies are never deleted
 * @param arithmetic the computation in words, e.g. {@code weekly × (4+1) = 35 days}
 * @param minimum the days are a lower bound ({@code minsize}: rotation also waits for the size)
 */
public record RotationRetention(
    OptionalDouble days, boolean unbounded, String arithmetic, boolean minimum) {
  public RotationRetention(OptionalDouble days, boolean unbounded, String arithmetic) {
    this(days, unbounded, arithmetic, false);
  }

  public static RotationRetention of(RotationBlock b) {
    String freq = b.frequency().value();
    long rotate = Long.parseLong(b.rotate().value());
    Long maxage = b.maxage() == null ? null : Long.parseLong(b.maxage().value());
    double period = periodDays(freq);
    if (period < 0) {
      String base = freq + " (size-triggered) with rotate " + rotate;
      if (maxage != null && maxage > 0) {
        return new RotationRetention(
            OptionalDouble.empty(),
            false,
            base + ", maxage " + maxage + ": at most " + maxage + " days, depends on write rate");
      }
      return new RotationRetention(
          OptionalDouble.empty(), false, base + ": days depend on the write rate");
    }
    if (rotate < 0) {
      if (maxage != null && maxage > 0) {
        return new RotationRetention(
            OptionalDouble.of(maxage),
            false,
            "rotate -1 (keep all) capped by maxage " + maxage + " = " + maxage + " days");
      }
      return new RotationRetention(
          OptionalDouble.empty(), true, "rotate -1 keeps every rotated copy (no maxage)");
    }
    double days = period * (rotate + 1);
    // With minsize a due rotation waits until the file reaches the size, so a slow log is kept
    // longer: the computed figure is what is guaranteed, not what is kept.
    boolean minimum = b.minsize() != null;
    String text =
        freq + " × (" + rotate + "+1) = " + (minimum ? "at least " : "") + fmt(days) + " days";
    if (maxage != null && maxage > 0 && maxage < days) {
      days = maxage;
      minimum = false;
      text += ", capped by maxage " + maxage + " = " + fmt(days) + " days";
    } else if (minimum) {
      text +=
          " (minsize "
              + b.minsize().value()
              + " at "
              + b.minsize().at().location()
              + ": rotation also"
              + " waits until the file reaches that size)";
    }
    return new RotationRetention(OptionalDouble.of(days), false, text, minimum);
  }

  /** Days per rotation period; -1 for size-triggered rotation. */
  static double periodDays(String freq) {
    switch (freq) {
      case "hourly":
        return 1.0 / 24;
      case "daily":
        return 1;
      case "weekly":
        return 7;
      case "monthly":
        return 30;
      case "yearly":
        return 365;
      default:
        return -1;
    }
  }

  public static String fmt(double days) {
    if (days == Math.rint(days)) {
      return Long.toString((long) days);
    }
    return String.format(Locale.ROOT, "%.1f", days);
  }
}
