package io.auditgap.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A logical line of a configuration file: physical lines joined where one ends in a backslash (the
 * backslash becomes a blank), as PAM and sudo read their files.
 *
 * @param number the number (1-based) of its first physical line
 * @param text the joined text, stripped; never empty
 */
public record LogicalLine(int number, String text) {

  /**
   * The non-blank logical lines of {@code text}.
   *
   * @param prepare what a physical line is before its last character is looked at; a format in
   *     which a comment ends the line removes it here
   */
  public static List<LogicalLine> of(String text, UnaryOperator<String> prepare) {
    String[] physical = (text == null ? "" : text).split("\n", -1);
    List<LogicalLine> out = new ArrayList<>();
    int i = 0;
    while (i < physical.length) {
      int number = i + 1;
      StringBuilder b = new StringBuilder();
      String cur = prepare.apply(physical[i++]);
      while (cur.endsWith("\\") && i < physical.length) {
        b.append(cur, 0, cur.length() - 1).append(' ');
        cur = prepare.apply(physical[i++]);
      }
      String line = b.append(cur).toString().strip();
      if (!line.isEmpty()) {
        out.add(new LogicalLine(number, line));
      }
    }
    return out;
  }
}
