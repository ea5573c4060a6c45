package io.auditgap.facts.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code auditctl -s}: key/value lines ({@code enabled 1}, {@code backlog_limit 8192}, {@code
 * loginuid_immutable 0 unlocked}, ...).
 *
 * @param values the first word of each line mapped to the rest of it
 */
public record AuditStatus(Map<String, String> values) {
  public AuditStatus {
    values = Map.copyOf(values);
  }

  public static AuditStatus parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        String t = line.strip();
        int sp = t.indexOf(' ');
        if (sp > 0) {
          m.putIfAbsent(t.substring(0, sp), t.substring(sp + 1).strip());
        }
      }
    }
    return new AuditStatus(m);
  }

  /** The first word of a value as a number ({@code loginuid_immutable 1 locked} gives 1). */
  public OptionalLong number(String key) {
    String v = values.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    String first = v.split("\\s+")[0];
    try {
      return OptionalLong.of(Long.parseLong(first));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code enabled}: 0 off, 1 on, 2 on and locked until reboot. */
  public OptionalLong enabled() {
    return number("enabled");
  }

  public boolean loginuidLocked() {
    String v = values.getOrDefault("loginuid_immutable", "");
    return v.startsWith("1") && v.contains("locked") && !v.contains("unlocked");
  }
}
