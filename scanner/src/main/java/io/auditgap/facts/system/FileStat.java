package io.auditgap.facts.system;

import java.util.Optional;

/**
 * What {@code stat} says about one file: the full line of {@code stat -c '%Y|%a|%U|%G|%F|%s|%n'},
 * or the short {@code stat -c '%a %U %G %F'} (then {@code mtime} and {@code size} are -1).
 *
 * @param mtime modification time, seconds since the epoch (host clock), or -1 when not asked
 * @param mode permission bits, e.g. {@code 0640} (octal value)
 * @param type {@code regular file}, {@code regular empty file}, {@code directory}, ...
 * @param size bytes, or -1 when not asked
 */
public record FileStat(
    String path, long mtime, int mode, String owner, String group, String type, long size) {

  /** Parses one line of {@code stat -c '%a %U %G %F'}; empty when it is stat's error text. */
  public static Optional<FileStat> parseShort(String path, String line) {
    String[] f = line.strip().split(" ", 4);
    if (f.length < 4 || !f[0].matches("[0-7]{3,4}")) {
      return Optional.empty();
    }
    return Optional.of(new FileStat(path, -1, Integer.parseInt(f[0], 8), f[1], f[2], f[3], -1));
  }

  /** Parses the fields of one {@code '%Y|%a|%U|%G|%F|%s|%n'} line; empty when not numeric. */
  public static Optional<FileStat> parseFull(String[] f) {
    try {
      long mtime = Long.parseLong(f[0]);
      int mode = Integer.parseInt(f[1], 8);
      long size = Long.parseLong(f[5]);
      return Optional.of(new FileStat(f[6], mtime, mode, f[2], f[3], f[4], size));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean isRegular() {
    return type.startsWith("regular");
  }

  public boolean isDirectory() {
    return type.equals("directory");
  }

  public boolean worldWritable() {
    return (mode & 02) != 0;
  }

  /** True when no permission bit outside {@code allowed} is set (setuid/sticky bits count). */
  public boolean modeWithin(int allowed) {
    return (mode & ~allowed & 07777) == 0;
  }

  /** The mode as stat's {@code %a} prints it, e.g. {@code 640}. */
  public String octalMode() {
    return Integer.toOctalString(mode);
  }

  /** {@code 0640 syslog:adm regular file 12 bytes}, as an auditor reads it. */
  public String describe() {
    return String.format("%04o %s:%s %s %d bytes", mode, owner, group, type, size);
  }

  /** {@code 640 root root regular file}: the short stat line as printed. */
  public String shortLine() {
    return octalMode() + " " + owner + " " + group + " " + type;
  }
}
