package io.auditgap.inventory;

import java.util.Collection;
import java.util.Optional;

/** Name helpers: "did you mean" suggestions and host-name globs. */
public final class Names {
  private Names() {}

  /** Largest edit distance that still earns a "did you mean" suggestion. */
  static final int MAX_SUGGESTION_DISTANCE = 2;

  /**
   * The candidate closest to {@code wrong} by optimal-string-alignment (Damerau) distance, if it is
   * at most {@link #MAX_SUGGESTION_DISTANCE}; ties go to the earlier candidate.
   */
  public static Optional<String> suggest(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = wrong.toLowerCase(java.util.Locale.ROOT);
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    // A distance as large as the word itself is no suggestion at all ("ab" -> "xy").
    if (best == null
        || bestDistance > MAX_SUGGESTION_DISTANCE
        || bestDistance >= Math.min(wrong.length(), best.length())) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
