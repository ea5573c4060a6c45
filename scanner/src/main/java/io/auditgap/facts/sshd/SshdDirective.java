package io.auditgap.facts.sshd;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Locale;

/**
 * One keyword line of sshd_config after includes are expanded.
 *
 * @param keyword lower-cased, as {@code sshd -T} prints it
 * @param args arguments with quotes removed
 * @param match the Match block it belongs to, or null when global
 */
public record SshdDirective(String keyword, List<String> args, SourceLine source, MatchBlock match)
    implements ConfigEntry {
  public SshdDirective {
    keyword = keyword.toLowerCase(Locale.ROOT);
    args = List.copyOf(args);
  }

  /** The first argument, or the empty string when there is none. */
  public String value() {
    return args.isEmpty() ? "" : args.get(0);
  }
}
