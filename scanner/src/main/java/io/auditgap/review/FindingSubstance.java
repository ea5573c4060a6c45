package io.auditgap.review;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a finding asserts, for comparing two scans: its reason and evidence, with the evidence in a
 * stable order and measured figures (free disk, write rates, days of retention, file sizes) masked.
 *
 * <p>Two scans of an unchanged host differ in exactly these ways: matchers that walk a directory
 * may list files in another order, and measurements move between runs. Reporting either as {@code
 * changed} trains users to ignore the column. A figure that moves far enough to matter changes the
 * status, and a status change is never masked.
 */
record FindingSubstance(String reason, List<String> evidence) {
  private static final Pattern FIGURE = Pattern.compile("\\d+(?:[.,]\\d+)?");

  static FindingSubstance of(Finding f) {
    List<String> lines = f.evidence().stream().map(FindingSubstance::line).sorted().toList();
    return new FindingSubstance(mask(f.reason()), lines);
  }

  /** True when the findings differ only in evidence order or measured figures. */
  static boolean sameApartFromFigures(Finding a, Finding b) {
    return of(a).equals(of(b));
  }

  /**
   * Where the evidence came from stays exact: a figure in a path or a line number is not a
   * measurement.
   */
  private static String line(Evidence e) {
    return e.source() + '\u0000' + e.line() + '\u0000' + mask(e.text()) + '\u0000' + mask(e.note());
  }

  private static String mask(String s) {
    return FIGURE.matcher(s == null ? "" : s).replaceAll("#");
  }
}
