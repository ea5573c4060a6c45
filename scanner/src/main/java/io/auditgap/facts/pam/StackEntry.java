package io.auditgap.facts.pam;

import java.util.ArrayList;
import java.util.List;

/**
 * One module line of an expanded stack.
 *
 * @param via the include, substack and @include lines that led to it, outermost first
 * @param frames substack nesting: the top-level stack is {@code [0]}, a line inside a substack has
 *     one more element
 * @param reach whether it runs
 * @param reachNote the line that may skip it, when one does
 */
public record StackEntry(
    PamRule rule, List<PamRule> via, List<Integer> frames, Reach reach, String reachNote) {
  public StackEntry {
    via = List.copyOf(via);
    frames = List.copyOf(frames);
  }

  StackEntry withReach(Reach r, String note) {
    return new StackEntry(rule, via, frames, r, note);
  }

  /**
   * The chain of lines from the service file to this rule, e.g. {@code /etc/pam.d/sshd:14
   * @include common-session → /etc/pam.d/common-session:25 session required pam_tty_audit.so}.
   */
  public String chain() {
    List<String> parts = new ArrayList<>();
    for (PamRule r : via) {
      parts.add(r.at().location() + " " + r.at().text());
    }
    parts.add(rule.at().location() + " " + rule.at().text());
    return String.join(" → ", parts);
  }
}
