package io.auditgap.facts.pam;

/** Whether a line of an expanded stack runs when the service opens a session. */
public enum Reach {
  /** Nothing before it can jump over it or end the stack early. */
  ALWAYS,
  /** A jump or an early {@code done} before it may skip it, depending on a module's result. */
  MAYBE_SKIPPED,
  /** Always jumped over (e.g. the line after Debian's {@code [default=1] pam_permit.so}). */
  SKIPPED
}
