package io.auditgap.facts.system;

/**
 * A service's state as far as it could be established.
 *
 * @param manager {@code systemd} (from {@code systemctl show}) or {@code process} (no systemd: from
 *     the process list and boot links)
 * @param loaded the unit exists ({@code LoadState=loaded}); always true for process evidence
 * @param active running now
 * @param enabled starts at boot; null when that could not be established
 * @param detail the raw state words, e.g. {@code ActiveState=active SubState=running
 *     UnitFileState=enabled}
 */
public record ServiceState(
    String unit, String manager, boolean loaded, boolean active, Boolean enabled, String detail) {

  /** systemd put the unit in the failed state ({@code ActiveState=failed}). */
  public boolean failed() {
    return detail != null && detail.contains("ActiveState=failed");
  }

  /**
   * The unit failed and systemd is about to start it again ({@code Restart=} in the unit: {@code
   * ActiveState=activating SubState=auto-restart}); it ends in {@link #failed()} once the start
   * limit is hit, a few seconds after boot.
   */
  public boolean restartingAfterFailure() {
    return detail != null && detail.contains("SubState=auto-restart");
  }
}
