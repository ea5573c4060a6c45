/**
 * sshd's effective configuration as facts: {@code sshd -T} and {@code sshd -T -C} when the
 * collector is root, else {@link io.auditgap.facts.sshd.SshdConfigParser} over sshd_config and its
 * Includes with {@link io.auditgap.facts.sshd.SettingResolver} applying sshd 9.2's precedence.
 *
 * <p>Decisions, each checked against real sshd 9.2 (fixtures/sshd, {@code SshdDifferentialTest}):
 * first value wins in the global pass, and {@code Match all} counts there; for a connection the
 * applying Match blocks are re-read and their first value replaces the global one for keywords
 * allowed in Match (LogLevel), so a late {@code Match all / LogLevel INFO} wins everywhere; a Match
 * block ends at the end of the file it is written in; a missing non-glob Include is ignored; glob
 * order is byte order. Group, LocalAddress, LocalPort and RDomain criteria are not decided for a
 * generic remote connection (203.0.113.1, host "unknown"): they make the value uncertain, never
 * guessed. An unreadable Include before the deciding line makes the value unresolved.
 */
package io.auditgap.facts.sshd;
