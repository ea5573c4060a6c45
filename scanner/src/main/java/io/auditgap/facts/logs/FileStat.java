package io.auditgap.facts.logs;

/**
 * One line of {@code stat -c '%Y|%a|%U|%G|%F|%s|%n'}.
 *
 * @param mtime modification time, seconds since the epoch (host clock)
 * @param mode permission bits, e.g. {@code 0640} (octal value)
 * @param type {@code regular file}, {@code regular empty file}, {@code directory}, ...
 * @param size bytes
 */
public record FileStat(
    String path, long mtime, int mode, String owner, String group, String type, long size) {

  public boolean isRegular() {
    return type.startsWith("regular");
  }

  public boolean isDirectory() {
    return type.equals("directory");
  }

  /** True when no permission bit outside {@code allowed} is set (setuid/sticky bits count). */
  public boolean modeWithin(int allowed) {
    return (mode & ~allowed & 07777) == 0;
  }

  /** {@code 0640 syslog:adm}, as an auditor reads it. */
  public String describe() {
    return String.format("%04o %s:%s %s %d bytes", mode, owner, group, type, size);
  }
}
