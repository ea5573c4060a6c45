package io.auditgap.facts.sshd;

import io.auditgap.text.Glob;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a Match block applies to a {@link Connection}, following OpenSSH's {@code
 * match_cfg_line}: criteria are ANDed; pattern lists are comma separated with {@code *}, {@code ?}
 * and {@code !} negation (a matching negation wins); addresses also accept CIDR. Group membership,
 * local address, local port and routing domain are not known for a generic remote connection, so
 * those criteria yield {@link MatchResult#UNKNOWN} rather than a guess.
 */
public final class MatchEvaluator {
  static final Set<String> ATTRIBUTES =
      Set.of("all", "user", "group", "host", "address", "localaddress", "localport", "rdomain");

  private MatchEvaluator() {}

  public static MatchResult evaluate(MatchBlock block, Connection c) {
    if (block.criteria().isEmpty()) {
      return MatchResult.NO;
    }
    MatchResult result = MatchResult.YES;
    for (MatchCriterion crit : block.criteria()) {
      MatchResult r =
          switch (crit.attribute()) {
            case "all" -> MatchResult.YES;
            case "user" -> yesNo(patternList(c.user(), crit.patterns(), false));
            case "host" -> yesNo(patternList(c.host(), crit.patterns(), true));
            case "address" -> yesNo(addressList(c.address(), crit.patterns()));
            case "group", "localaddress", "localport", "rdomain" -> MatchResult.UNKNOWN;
            default -> MatchResult.NO;
          };
      if (r == MatchResult.NO) {
        return MatchResult.NO;
      }
      if (r == MatchResult.UNKNOWN) {
        result = MatchResult.UNKNOWN;
      }
    }
    return result;
  }

  private static MatchResult yesNo(boolean b) {
    return b ? MatchResult.YES : MatchResult.NO;
  }

  /** OpenSSH {@code match_pattern_list}: true when a positive entry matches and no negated one. */
  static boolean patternList(String value, String list, boolean lower) {
    String v = lower ? value.toLowerCase(Locale.ROOT) : value;
    boolean positive = false;
    for (String raw : list.split(",", -1)) {
      boolean negated = raw.startsWith("!");
      String p = negated ? raw.substring(1) : raw;
      if (lower) {
        p = p.toLowerCase(Locale.ROOT);
      }
      if (Glob.matches(p, v, Glob.WILDCARDS)) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  /** OpenSSH {@code addr_match_list}: CIDR or wildcard entries, negation wins. */
  static boolean addressList(String address, String list) {
    boolean positive = false;
    for (String raw : list.split(",", -1)) {
      boolean negated = raw.startsWith("!");
      String p = negated ? raw.substring(1) : raw;
      boolean hit = p.contains("/") ? inCidr(address, p) : Glob.matches(p, address, Glob.WILDCARDS);
      if (hit) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  static boolean inCidr(String address, String cidr) {
    int slash = cidr.indexOf('/');
    long a = ipv4(address);
    long net = ipv4(cidr.substring(0, slash));
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (a < 0 || net < 0 || bits < 0 || bits > 32) {
      return false;
    }
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (a & mask) == (net & mask);
  }

  private static long ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int o = Integer.parseInt(p);
      if (o > 255) {
        return -1;
      }
      v = (v << 8) | o;
    }
    return v;
  }
}
