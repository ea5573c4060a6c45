package io.auditgap.facts.pam;

import io.auditgap.facts.SourceLine;

/**
 * The effective {@code UsePAM} of sshd.
 *
 * @param enabled what sshd uses
 * @param at where it was decided ({@code sshd -T}, a file, or {@code compiled-in default}, line 0
 *     when none) and the directive as written
 * @param overridden a later {@code UsePAM} that lost to it (first value wins), or empty
 */
public record UsePamSetting(boolean enabled, SourceLine at, String overridden) {}
