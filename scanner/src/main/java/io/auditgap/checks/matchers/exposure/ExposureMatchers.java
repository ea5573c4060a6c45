package io.auditgap.checks.matchers.exposure;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the exposure family (checks/exposure.yaml). */
public final class ExposureMatchers {
  private ExposureMatchers() {}

  public static List<Matcher> all() {
    return List.of(new NetworkProbeMatcher());
  }
}
