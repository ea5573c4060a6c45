package io.auditgap.facts.pam;

/**
 * The effective {@code UsePAM} of sshd.
 *
 * @param enabled what sshd uses
 * @param source where it was decided: {@code sshd -T}, a file, or {@code compiled-in default}
 * @param line 1-based line in {@code source}, 0 when none
 * @param text the directive as written
 * @param overridden a later {@code UsePAM} that lost to it (first value wins), or empty
 */
public record UsePamSetting(
    boolean enabled, String source, int line, String text, String overridden) {}
