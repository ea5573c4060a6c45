package io.auditgap.collect;

/**
 * One item of a collected bundle, as the host returned it.
 *
 * @param kind {@code file}, {@code dir} or {@code cmd}
 * @param name the path or command name
 * @param exitStatus for commands the exit status; for files and directories 0 when read, {@link
 *     #ABSENT} when missing, {@link #DENIED} when not readable by the collecting user; {@link
 *     #TIMED_OUT} when the per-item timeout ended it; {@link #NOT_FOUND} for a missing command;
 *     {@link #SKIPPED} when the bundle's total size cap was already reached
 * @param text the bytes decoded as UTF-8 (malformed sequences replaced); untrusted
 * @param size bytes received for this item
 * @param truncated whether the item hit the per-item size cap
 */
public record SnapshotItem(
    String kind, String name, int exitStatus, String text, long size, boolean truncated) {
  public static final int ABSENT = 1;
  public static final int IS_DIRECTORY = 21;

  /**
   * A symbolic link leaving /etc, /usr, /lib, /boot and /run/systemd: not read; the text is the
   * link's target.
   */
  public static final int OUTSIDE_TREE = 23;

  public static final int DENIED = 13;
  public static final int TIMED_OUT = 124;
  public static final int NOT_FOUND = 127;
  public static final int SKIPPED = -1;

  public String key() {
    return kind + ":" + name;
  }

  /** True when the content is what the host has (read fully and successfully). */
  public boolean isComplete() {
    return exitStatus == 0 && !truncated;
  }

  /**
   * Why this item cannot be trusted as complete evidence, or null when it can. Words a reader of a
   * report understands: no privilege, command missing, timeout.
   */
  public String problem() {
    if (truncated) {
      return name + ": output truncated at the collector's size cap";
    }
    return switch (kind) {
      case "cmd" ->
          switch (exitStatus) {
            case NOT_FOUND -> name + ": command not found on the host";
            case TIMED_OUT -> name + ": timed out on the host";
            case SKIPPED -> name + ": skipped, the collector's total size cap was reached";
            default -> null;
          };
      default ->
          switch (exitStatus) {
            case 0 -> null;
            case ABSENT -> name + ": does not exist";
            case DENIED -> name + ": not readable without root (permission denied)";
            case IS_DIRECTORY -> name + ": is a directory";
            case OUTSIDE_TREE ->
                name
                    + ": a symbolic link to "
                    + (text.isEmpty() ? "an unresolvable target" : text.strip())
                    + " outside the system's configuration (/etc, /usr, /lib, /boot); not read";
            case SKIPPED -> name + ": skipped, the collector's total size cap was reached";
            default -> name + ": could not be read (status " + exitStatus + ")";
          };
    };
  }
}
