package io.auditgap.collect;

import io.auditgap.text.TerminalText;
import io.auditgap.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Says, in one line a sysadmin can act on, why a collector run did not return a whole bundle: what
 * ended the remote command (deadline, size cap, lost connection, a channel closed without an exit
 * status, an exit status, a signal), what it printed instead of a bundle, and which of the planned
 * items were lost. A pure function of what the transport returned.
 */
final class CollectionFailure {
  /** Lost items named in the message; the rest are counted. */
  private static final int NAMED_LOST = 5;

  /** Lines of non-bundle output quoted in the message, and their total length. */
  private static final int QUOTED_LINES = 3;

  private static final int QUOTED_CHARS = 240;

  /**
   * sudo's own refusals of {@code sudo -n} (sudo 1.8/1.9 wording). Anything else sudo writes to
   * stderr is a warning (e.g. "unable to resolve host"), which does not stop the command.
   */
  private static final Pattern SUDO_REFUSAL =
      Pattern.compile(
          "sudo: (a password is required|a terminal is required"
              + "|sorry, you must have a tty|account validation failure"
              + "|PAM account management error|.*: command not found)"
              + "|is not in the sudoers file|is not allowed to execute|may not run sudo on",
          Pattern.CASE_INSENSITIVE);

  /** The shell's "not found" for the sudo command itself (dash, bash, busybox wording). */
  private static final Pattern SUDO_MISSING =
      Pattern.compile("\\bsudo: (not found|command not found|No such file or directory)");

  private CollectionFailure() {}

  /**
   * @param r what the remote command returned
   * @param bundle the bundle read from its stdout (incomplete)
   * @param plan the items the run was asked for
   * @param received what the bundle held, by key
   * @param sudo whether the command ran through {@code sudo -n}
   * @param timeout the run's deadline
   */
  static String explain(
      ExecResult r,
      Bundle bundle,
      Collection<? extends CollectionItem> plan,
      Map<String, SnapshotItem> received,
      boolean sudo,
      Duration timeout) {
    String err = r.stderr() == null ? "" : r.stderr();
    if (bundle.items().isEmpty() && !startedBundle(bundle)) {
      return noBundle(r, err, sudo, timeout);
    }
    List<String> lost = new ArrayList<>();
    for (CollectionItem item : plan) {
      if (!received.containsKey(item.key())) {
        lost.add(item.key());
      }
    }
    StringBuilder b = new StringBuilder("collector output ended early: ");
    b.append(ending(r, timeout));
    b.append("; ")
        .append(lost.size())
        .append(" of ")
        .append(plan.size())
        .append(" planned items lost");
    if (!lost.isEmpty()) {
      b.append(": ").append(String.join(", ", lost.subList(0, Math.min(NAMED_LOST, lost.size()))));
      if (lost.size() > NAMED_LOST) {
        b.append(" and ").append(lost.size() - NAMED_LOST).append(" more");
      }
    }
    b.append(" (").append(bundle.problem()).append(')');
    String stderr = quote(err);
    if (!stderr.isEmpty()) {
      b.append("; stderr: ").append(stderr);
    }
    return b.toString();
  }

  /** The remote shell printed no bundle at all: why, with what it printed instead. */
  private static String noBundle(ExecResult r, String err, boolean sudo, Duration timeout) {
    if (sudo && r.exitStatus() != null && r.exitStatus() != 0) {
      String line = firstMatching(err, SUDO_MISSING);
      if (line != null) {
        return "no collector output: the login shell found no sudo command ("
            + line
            + "): install sudo, or set sudo: false for this host";
      }
      line = firstMatching(err, SUDO_REFUSAL);
      if (line != null) {
        return "no collector output: sudo -n refused (this user has no passwordless sudo): " + line;
      }
    }
    StringBuilder b = new StringBuilder("no collector output: ");
    b.append(ending(r, timeout));
    String out = quote(new String(r.stdout(), StandardCharsets.UTF_8));
    String stderr = quote(err);
    if (out.isEmpty() && stderr.isEmpty()) {
      b.append("; it printed nothing");
      if (Integer.valueOf(1).equals(r.exitStatus())) {
        b.append(" (a login shell such as /bin/false?)");
      }
    } else {
      if (!out.isEmpty()) {
        b.append("; it printed: ").append(out);
      }
      if (!stderr.isEmpty()) {
        b.append("; stderr: ").append(stderr);
      }
      if (Integer.valueOf(0).equals(r.exitStatus()) && !out.isEmpty()) {
        b.append(" (something else ran instead of the collector: ForceCommand, a wrapper?)");
      }
    }
    return b.toString();
  }

  /** What ended the remote command, as the transport saw it. */
  private static String ending(ExecResult r, Duration timeout) {
    if (r.timedOut()) {
      return "timed out: the collector did not finish in the "
          + seconds(timeout)
          + " left of the host's --timeout";
    }
    if (r.stdoutTruncated()) {
      return "the output exceeded the size cap and was cut there";
    }
    if (r.exitSignal() != null) {
      return "the remote command was killed by signal " + r.exitSignal().toUpperCase(Locale.ROOT);
    }
    if (r.disconnected()) {
      return "the connection was lost, or the server closed the channel without an exit status";
    }
    if (r.exitStatus() != null) {
      return "the remote command exited with status " + r.exitStatus();
    }
    return "the remote command ended without an exit status";
  }

  private static boolean startedBundle(Bundle bundle) {
    return bundle.bytes() > 0;
  }

  private static String firstMatching(String text, Pattern p) {
    for (String line : text.split("\n")) {
      if (p.matcher(line).find()) {
        return TerminalText.line(line, QUOTED_CHARS);
      }
    }
    return null;
  }

  /** The first non-blank lines, quoted, control characters replaced, bounded. */
  static String quote(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
      if (lines.size() == QUOTED_LINES) {
        break;
      }
    }
    if (lines.isEmpty()) {
      return "";
    }
    String joined = TerminalText.line(String.join(" | ", lines), QUOTED_CHARS);
    return "\"" + joined + "\"";
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
