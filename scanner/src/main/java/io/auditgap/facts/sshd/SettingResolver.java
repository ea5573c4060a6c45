package io.auditgap.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies sshd 9.2's precedence to a parsed configuration, in two passes as sshd does.
 *
 * <ol>
 *   <li>The first pass reads the global section and {@code Match all} blocks; the first value
 *       obtained wins.
 *   <li>For a connection sshd re-reads only the Match blocks that apply to it; the first value
 *       among them replaces the first pass's, for keywords allowed in Match ({@code LogLevel} yes,
 *       {@code UsePAM} and {@code SyslogFacility} no). {@code sshd -T} without {@code -C} does the
 *       same with no connection, so only {@code Match all} applies.
 * </ol>
 *
 * Verified with sshd 9.2: {@code LogLevel VERBOSE} followed later by {@code Match all / LogLevel
 * INFO} makes both {@code sshd -T} and every connection report INFO.
 */
public final class SettingResolver {
  /** sshd's compiled-in defaults for the keywords the checks read (OpenSSH 9.2 portable). */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "loglevel", "INFO",
          "syslogfacility", "AUTH",
          "usepam", "no",
          "passwordauthentication", "yes",
          "kbdinteractiveauthentication", "yes",
          "authenticationmethods", "any");

  /** Keywords sshd takes from Match blocks (SSHCFG_ALL in servconf.c) among those checked. */
  static final Set<String> MATCHABLE =
      Set.of(
          "loglevel",
          "passwordauthentication",
          "kbdinteractiveauthentication",
          "authenticationmethods");

  private SettingResolver() {}

  /** The value {@code sshd -T} would print, without {@code -C}. */
  public static ResolvedSetting global(SshdConfig config, String keyword) {
    return resolve(config, keyword, null);
  }

  /** The value {@code sshd -T -C} would print for {@code c}. */
  public static ResolvedSetting forConnection(SshdConfig config, String keyword, Connection c) {
    return resolve(config, keyword, c);
  }

  private static ResolvedSetting resolve(SshdConfig config, String keyword, Connection c) {
    ResolvedSetting first = firstPass(config, keyword);
    if (!MATCHABLE.contains(keyword)) {
      return first;
    }
    SshdDirective winner = null;
    List<SshdDirective> mayApply = new ArrayList<>();
    String unresolved = null;
    for (ConfigEntry e : config.entries()) {
      if (e.match() == null) {
        continue;
      }
      MatchResult applies =
          c == null
              ? (e.match().isAll() ? MatchResult.YES : MatchResult.NO)
              : MatchEvaluator.evaluate(e.match(), c);
      if (applies == MatchResult.NO) {
        continue;
      }
      if (e instanceof UnreadInclude u && applies == MatchResult.YES) {
        unresolved =
            "Include "
                + u.target()
                + " inside Match "
                + e.match().describe()
                + " at "
                + u.source().location()
                + " could not be read: "
                + u.reason();
        break;
      }
      if (e instanceof SshdDirective d && d.keyword().equals(keyword)) {
        if (applies == MatchResult.YES) {
          winner = d;
          break;
        }
        mayApply.add(d);
      }
    }
    if (unresolved != null) {
      return new ResolvedSetting(keyword, Optional.empty(), null, List.of(), mayApply, unresolved);
    }
    if (winner == null) {
      return new ResolvedSetting(
          keyword, first.value(), first.winner(), first.ignored(), mayApply, first.unresolved());
    }
    List<SshdDirective> ignored = new ArrayList<>();
    if (first.winner() != null) {
      ignored.add(first.winner());
    }
    return new ResolvedSetting(
        keyword, Optional.of(winner.value()), winner, ignored, mayApply, null);
  }

  private static ResolvedSetting firstPass(SshdConfig config, String keyword) {
    SshdDirective winner = null;
    List<SshdDirective> ignored = new ArrayList<>();
    String unresolved = null;
    for (ConfigEntry e : config.entries()) {
      boolean active = e.match() == null || e.match().isAll();
      if (!active) {
        continue;
      }
      if (e instanceof UnreadInclude u && winner == null && unresolved == null) {
        unresolved =
            "Include "
                + u.target()
                + " at "
                + u.source().location()
                + " is read before any "
                + keyword
                + " and could not be read: "
                + u.reason();
      } else if (e instanceof SshdDirective d && d.keyword().equals(keyword)) {
        if (winner == null && unresolved == null) {
          winner = d;
        } else {
          ignored.add(d);
        }
      }
    }
    Optional<String> value =
        unresolved != null
            ? Optional.empty()
            : winner != null
                ? Optional.of(winner.value())
                : Optional.ofNullable(DEFAULTS.get(keyword));
    return new ResolvedSetting(keyword, value, winner, ignored, List.of(), unresolved);
  }
}
