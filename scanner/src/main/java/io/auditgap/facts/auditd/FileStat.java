package io.auditgap.facts.auditd;

import java.util.Optional;

/**
 * Ownership and mode of one file from {@code stat -c '%a %U %G %F'}.
 *
 * @param mode octal permission bits as printed, e.g. {@code 640}
 * @param type {@code regular file}, {@code symbolic link}, ...
 */
public record FileStat(String mode, String owner, String group, String type) {

  /** Parses one stat line; empty when it is not in the expected shape (stat's error text). */
  public static Optional<FileStat> parse(String line) {
    String[] f = line.strip().split(" ", 4);
    if (f.length < 4 || !f[0].matches("[0-7]{3,4}")) {
      return Optional.empty();
    }
    return Optional.of(new FileStat(f[0], f[1], f[2], f[3]));
  }

  public boolean worldWritable() {
    int bits = Integer.parseInt(mode, 8);
    return (bits & 02) != 0;
  }

  public boolean regular() {
    return type.startsWith("regular");
  }

  @Override
  public String toString() {
    return mode + " " + owner + " " + group + " " + type;
  }
}
