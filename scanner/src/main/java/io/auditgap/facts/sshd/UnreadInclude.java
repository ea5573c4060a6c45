package io.auditgap.facts.sshd;

import io.auditgap.facts.SourceLine;

/**
 * An {@code Include} whose target the scanner could not read. Whatever it sets is unknown, so a
 * setting resolved after it (first value wins) cannot be trusted.
 *
 * @param target the path or glob as sshd would expand it
 * @param reason why it was not read (not collected, permission denied, ...)
 */
public record UnreadInclude(SourceLine source, String target, String reason, MatchBlock match)
    implements ConfigEntry {}
