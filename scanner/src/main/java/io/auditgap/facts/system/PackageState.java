package io.auditgap.facts.system;

/**
 * What the package database says about one package.
 *
 * @param status dpkg's {@code db:Status-Abbrev} ({@code ii}, {@code rc}, ...) or {@code rpm}
 */
public record PackageState(String name, String version, String status) {
  /** dpkg counts only {@code ii} as installed; {@code rc} leaves config files behind. */
  public boolean installed() {
    return status.startsWith("ii") || status.equals("rpm");
  }
}
