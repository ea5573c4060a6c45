package io.auditgap.review;

import java.util.Locale;

/** How a finding differs from the same host's finding for the same check in the baseline. */
public enum Change {
  /** Failed or unknown now; passed, was not applicable or was not there before. */
  NEW,
  /** Failed or unknown before; passes or is not applicable now. */
  FIXED,
  /** Same status and same evidence. */
  UNCHANGED,
  /** Same status, different evidence or reason; or between pass and not applicable. */
  CHANGED,
  /**
   * Not verified now: the host was not assessed this time, the check did not run, or a check that
   * failed before is unknown now. Never counted as fixed nor as new.
   */
  UNVERIFIED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id; null when it names no change. */
  public static Change parse(String id) {
    for (Change c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
