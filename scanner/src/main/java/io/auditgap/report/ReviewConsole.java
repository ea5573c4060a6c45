package io.auditgap.report;

import io.auditgap.review.Change;
import io.auditgap.review.Comparison;
import io.auditgap.review.FindingChange;
import io.auditgap.review.Review;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import io.auditgap.text.TerminalText;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * The review stage on the console: a line under each waived finding, the changes since the baseline
 * and the stale waivers before the summary, and one summary line. All text goes through {@link
 * TerminalText}.
 */
final class ReviewConsole {
  static final String BLUE = "\u001b[34m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String BOLD = "\u001b[1m";

  /** Lines per change kind; the rest are counted. */
  static final int SHOWN_MAX = 50;

  private ReviewConsole() {}

  /** Under a failed or unknown finding: its waiver, and its change since the baseline. */
  static void finding(
      StringBuilder sb, Review review, String host, String check, BinaryOperator<String> style) {
    Optional<WaiverMark> m = review.waiver(host, check);
    if (m.isPresent()) {
      sb.append("            ")
          .append(
              style.apply(
                  m.get().expired() ? RED : BLUE,
                  TerminalText.line(m.get().describe(), ConsoleReport.REASON_MAX)))
          .append('\n');
    }
    review
        .change(host, check)
        .filter(c -> c == Change.NEW)
        .ifPresent(
            c ->
                sb.append("            ")
                    .append(style.apply(BOLD, "new since the baseline"))
                    .append('\n'));
  }

  /** The comparison and the stale waivers. */
  static void section(StringBuilder sb, Review review, BinaryOperator<String> style) {
    Optional<Comparison> c = review.comparison();
    if (c.isPresent()) {
      Comparison cmp = c.get();
      sb.append(style.apply(BOLD, "Since the baseline"))
          .append(' ')
          .append(TerminalText.line(cmp.baseline(), TerminalText.NAME_MAX))
          .append(cmp.baselineStartedAt() == null ? "" : " (" + cmp.baselineStartedAt() + ")")
          .append(": ")
          .append(cmp.countsLine())
          .append('\n');
      if (!cmp.hostsAdded().isEmpty()) {
        sb.append("   hosts added: ").append(hosts(cmp.hostsAdded())).append('\n');
      }
      if (!cmp.hostsRemoved().isEmpty()) {
        sb.append("   hosts removed: ").append(hosts(cmp.hostsRemoved())).append('\n');
      }
      changes(sb, cmp, Change.NEW, style.apply(RED, "NEW    "));
      changes(sb, cmp, Change.FIXED, style.apply(GREEN, "FIXED  "));
      changes(sb, cmp, Change.CHANGED, "CHANGED");
      changes(sb, cmp, Change.UNVERIFIED, "NOT SEEN");
      sb.append('\n');
    }
    if (!review.stale().isEmpty()) {
      sb.append(style.apply(BOLD, "Stale waivers"))
          .append(" (they match no failed or unknown check; remove them):\n");
      for (Waiver w : review.stale()) {
        sb.append("   ")
            .append(TerminalText.line(w.origin(), 200))
            .append("  ")
            .append(TerminalText.line(w.check(), ConsoleReport.CHECK_MAX))
            .append(" on ")
            .append(TerminalText.line(String.join(", ", w.hosts()), 200))
            .append('\n');
      }
      sb.append('\n');
    }
  }

  private static void changes(StringBuilder sb, Comparison cmp, Change kind, String label) {
    int shown = 0;
    int more = 0;
    for (FindingChange fc : cmp.changes()) {
      if (fc.change() != kind) {
        continue;
      }
      if (shown == SHOWN_MAX) {
        more++;
        continue;
      }
      shown++;
      sb.append("   ")
          .append(label)
          .append("  ")
          .append(TerminalText.line(fc.host(), ConsoleReport.HOST_COLUMN_MAX))
          .append("  ")
          .append(TerminalText.line(fc.check(), ConsoleReport.CHECK_MAX))
          .append(": ")
          .append(TerminalText.line(fc.detail(), ConsoleReport.REASON_MAX))
          .append('\n');
    }
    if (more > 0) {
      sb.append("   ... and ").append(more).append(" more ").append(kind.id()).append('\n');
    }
  }

  /** {@code Accepted risks: 2 (1 waiver expired), 1 stale waiver}, when waivers were given. */
  static void summary(StringBuilder sb, Review review) {
    if (!review.waiversGiven()) {
      return;
    }
    int accepted = 0;
    int expired = 0;
    for (WaiverMark m : review.marks()) {
      if (m.accepted()) {
        accepted++;
      } else {
        expired++;
      }
    }
    sb.append("Accepted risks: ").append(accepted).append(" (not counted toward --fail-on)");
    if (expired > 0) {
      sb.append(", ").append(expired).append(" with an expired waiver (counted)");
    }
    if (!review.stale().isEmpty()) {
      sb.append(", ")
          .append(review.stale().size())
          .append(" stale waiver")
          .append(review.stale().size() == 1 ? "" : "s");
    }
    sb.append('\n');
  }

  private static String hosts(java.util.List<String> names) {
    return TerminalText.line(String.join(", ", names), 2000);
  }
}
