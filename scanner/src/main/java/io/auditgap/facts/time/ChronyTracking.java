package io.auditgap.facts.time;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code chronyc -n tracking}: {@code Name : value} lines. {@code 506 Cannot talk to daemon} (no
 * chronyd) gives no fields.
 */
public record ChronyTracking(Map<String, String> fields, String firstLine) {
  public ChronyTracking {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static ChronyTracking parse(String text) {
    Map<String, String> f = new LinkedHashMap<>();
    String first = "";
    for (String raw : text.split("\n")) {
      String l = raw.strip();
      if (first.isEmpty() && !l.isEmpty()) {
        first = l;
      }
      int colon = l.indexOf(" : ");
      if (colon < 0) {
        colon = l.indexOf(": ");
      }
      if (colon > 0) {
        f.put(
            l.substring(0, colon).strip(),
            l.substring(colon + (l.charAt(colon) == ' ' ? 3 : 2)).strip());
      }
    }
    return new ChronyTracking(f, first);
  }

  public boolean answered() {
    return fields.containsKey("Leap status");
  }

  public Optional<String> leapStatus() {
    return Optional.ofNullable(fields.get("Leap status"));
  }

  /**
   * The system clock's offset from chronyd's estimate of true time, in seconds (sign dropped):
   * {@code 0.000006523 seconds slow of NTP time}.
   */
  public OptionalDouble systemTimeOffset() {
    String v = fields.get("System time");
    if (v == null) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Math.abs(Double.parseDouble(v.split("\\s+")[0])));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  public String evidence() {
    return "Reference ID : "
        + fields.getOrDefault("Reference ID", "?")
        + "; System time : "
        + fields.getOrDefault("System time", "?")
        + "; Leap status : "
        + fields.getOrDefault("Leap status", "?");
  }
}
