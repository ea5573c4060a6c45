package io.auditgap.facts.audit;

import java.util.Optional;

/** The kernel filter list a rule is attached to. */
public enum AuditList {
  USER("user"),
  TASK("task"),
  EXIT("exit"),
  EXCLUDE("exclude"),
  FILESYSTEM("filesystem"),
  IO_URING("io_uring");

  private final String id;

  AuditList(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** {@code entry} is deprecated and libaudit turns it into {@code exit}. */
  static Optional<AuditList> parse(String word) {
    if (word.equals("entry")) {
      return Optional.of(EXIT);
    }
    for (AuditList l : values()) {
      if (l.id.equals(word)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
