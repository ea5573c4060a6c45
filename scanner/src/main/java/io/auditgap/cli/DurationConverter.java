package io.auditgap.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them, the same in every command: {@code 90} (seconds), {@code 90s},
 * {@code 500ms}, {@code 2m}, {@code 1h}. Zero and negative values are refused: a deadline of zero
 * would make every host time out.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("([-+]?)(\\d{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher m = FORM.matcher(value.strip());
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write e.g. 90 (seconds), 90s, 500ms or 2m");
    }
    long n = Long.parseLong(m.group(2));
    String unit = m.group(3) == null ? "s" : m.group(3);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
    if (d.isZero() || m.group(1).equals("-")) {
      throw new TypeConversionException(
          "'" + value + "': the duration must be more than zero, e.g. 90s or 2m");
    }
    return d;
  }
}
