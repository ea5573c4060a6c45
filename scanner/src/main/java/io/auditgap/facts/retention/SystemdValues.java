package io.auditgap.facts.retention;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** systemd time spans and byte sizes as journald.conf accepts them. */
public final class SystemdValues {
  private static final Pattern SPAN_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Zµ]*)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTPE]?)(i?B?)?");

  private SystemdValues() {}

  /**
   * A time span in days ({@code 1year}, {@code 13month}, {@code 2w 3d}, plain number = seconds);
   * empty when it does not parse. Month = 30.44 days and year = 365.25 days, as in systemd.
   */
  public static OptionalDouble spanDays(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return OptionalDouble.empty();
    }
    Matcher m = SPAN_PART.matcher(t);
    double seconds = 0;
    int end = 0;
    while (m.find()) {
      if (!t.substring(end, m.start()).isBlank()) {
        return OptionalDouble.empty();
      }
      double n = Double.parseDouble(m.group(1));
      double unit = unitSeconds(m.group(2));
      if (unit < 0) {
        return OptionalDouble.empty();
      }
      seconds += n * unit;
      end = m.end();
    }
    if (end == 0 || !t.substring(end).isBlank()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(seconds / 86400.0);
  }

  private static double unitSeconds(String u) {
    switch (u) {
      case "":
      case "s":
      case "sec":
      case "second":
      case "seconds":
        return 1;
      case "us":
      case "usec":
      case "µs":
        return 1e-6;
      case "ms":
      case "msec":
        return 1e-3;
      case "m":
      case "min":
      case "minute":
      case "minutes":
        return 60;
      case "h":
      case "hr":
      case "hour":
      case "hours":
        return 3600;
      case "d":
      case "day":
      case "days":
        return 86400;
      case "w":
      case "week":
      case "weeks":
        return 7 * 86400;
      case "M":
      case "month":
      case "months":
        return 30.44 * 86400;
      case "y":
      case "year":
      case "years":
        return 365.25 * 86400;
      default:
        return -1;
    }
  }

  /** A size in bytes ({@code 4G}, {@code 512M}, base 1024); empty when it does not parse. */
  public static OptionalLong bytes(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT).replace("IB", "").trim());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    double n = Double.parseDouble(m.group(1));
    int exp = "KMGTPE".indexOf(m.group(2)) + 1;
    return OptionalLong.of((long) (n * Math.pow(1024, exp)));
  }
}
