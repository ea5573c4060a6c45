package io.auditgap.facts.audit;

import java.util.Locale;
import java.util.Optional;

/** The kernel filter list a rule is attached to. */
public enum AuditList {
  USER,
  TASK,
  EXIT,
  EXCLUDE,
  FILESYSTEM,
  IO_URING;

  /** The list's name as auditctl spells it: the constant's name in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code entry} is deprecated and libaudit turns it into {@code exit}. */
  static Optional<AuditList> parse(String word) {
    if (word.equals("entry")) {
      return Optional.of(EXIT);
    }
    for (AuditList l : values()) {
      if (l.id().equals(word)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
