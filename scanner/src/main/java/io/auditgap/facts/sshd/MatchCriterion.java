package io.auditgap.facts.sshd;

import java.util.Locale;

/**
 * One attribute of a Match line.
 *
 * @param attribute lower-cased: {@code user}, {@code group}, {@code host}, {@code address}, {@code
 *     localaddress}, {@code localport}, {@code rdomain} or {@code all}
 * @param patterns the comma-separated pattern list as written ({@code ""} for {@code all})
 */
public record MatchCriterion(String attribute, String patterns) {
  public MatchCriterion {
    attribute = attribute.toLowerCase(Locale.ROOT);
  }
}
