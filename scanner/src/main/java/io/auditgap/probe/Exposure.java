package io.auditgap.probe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an SSH port is meant to be reachable from (inventory {@code exposure:}). */
public enum Exposure {
  /** Reachable by design from every vantage, so what it offers (password auth) matters. */
  PUBLIC,
  /** Reachable only from vantages marked internal. */
  INTERNAL,
  /** Reachable from no vantage at all. */
  NONE;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code public}, {@code internal}, {@code none} (any case); null for anything else. */
  @JsonCreator
  public static Exposure parse(String text) {
    for (Exposure e : values()) {
      if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return e;
      }
    }
    return null;
  }
}
