package io.auditgap.facts.time;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code timedatectl show}: {@code KEY=value} lines ({@code NTP=yes}, {@code NTPSynchronized=yes},
 * {@code CanNTP=yes}, ...). Without systemd as PID 1 it prints an error instead, and {@link
 * #answered()} is false.
 */
public record TimedatectlStatus(Map<String, String> properties, String firstLine) {
  public TimedatectlStatus {
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public static TimedatectlStatus parse(String text) {
    Map<String, String> p = new LinkedHashMap<>();
    String first = "";
    for (String raw : text.split("\n")) {
      String l = raw.strip();
      if (first.isEmpty() && !l.isEmpty()) {
        first = l;
      }
      int eq = l.indexOf('=');
      if (eq > 0 && l.substring(0, eq).chars().allMatch(Character::isLetterOrDigit)) {
        p.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return new TimedatectlStatus(p, first);
  }

  public boolean answered() {
    return properties.containsKey("NTPSynchronized");
  }

  /** The kernel's view (adjtimex STA_UNSYNC cleared by the sync daemon). */
  public Optional<Boolean> synchronised() {
    String v = properties.get("NTPSynchronized");
    return v == null ? Optional.empty() : Optional.of(v.equals("yes"));
  }

  public String evidence() {
    return "NTP="
        + properties.getOrDefault("NTP", "?")
        + " NTPSynchronized="
        + properties.getOrDefault("NTPSynchronized", "?");
  }
}
