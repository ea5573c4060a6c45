package io.auditgap.checks;

import java.util.Locale;

/** How bad a gap is, ordered from least to most severe. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code high}, {@code HIGH}, ... ; returns null when the text names no severity. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return s;
      }
    }
    return null;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
