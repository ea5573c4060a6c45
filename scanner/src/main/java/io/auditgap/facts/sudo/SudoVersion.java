package io.auditgap.facts.sudo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sudo's version from the first line of {@code sudo -V} ({@code Sudo version 1.9.13p3}).
 *
 * @param text as printed
 */
public record SudoVersion(int major, int minor, int patch, String text) {
  private static final Pattern V =
      Pattern.compile("Sudo version (\\d+)\\.(\\d+)(?:\\.(\\d+))?\\S*");

  public static Optional<SudoVersion> parse(String output) {
    Matcher m = V.matcher(output);
    return m.find() ? Optional.of(of(m, m.group())) : Optional.empty();
  }

  private static final Pattern UPSTREAM =
      Pattern.compile("(?:\\d+:)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?[^-]*");

  /**
   * From a package's version ({@code 1.9.13p3-1+deb12u1}, an epoch before it allowed): the upstream
   * part, before the distribution's revision.
   */
  public static Optional<SudoVersion> ofPackage(String name, String version) {
    Matcher m = UPSTREAM.matcher(version);
    return m.lookingAt()
        ? Optional.of(of(m, PACKAGE + name + " " + version + " (dpkg)"))
        : Optional.empty();
  }

  private static final String PACKAGE = "package ";

  /** True when the version is a package's ({@link #ofPackage}), not {@code sudo -V}'s answer. */
  public boolean fromPackage() {
    return text.startsWith(PACKAGE);
  }

  /** From a match whose groups 1 to 3 are major, minor and (perhaps) patch. */
  private static SudoVersion of(Matcher m, String text) {
    return new SudoVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        text);
  }

  public boolean atLeast(int ma, int mi, int pa) {
    if (major != ma) {
      return major > ma;
    }
    if (minor != mi) {
      return minor > mi;
    }
    return patch >= pa;
  }
}
