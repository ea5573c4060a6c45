/**
 * Matchers of the sshd family (checks/sshd.yaml): LogLevel, SyslogFacility, UsePAM and whether sshd
 * accepts its configuration; registered in the family's entry of {@link
 * io.auditgap.checks.MatcherRegistry#builtIn()}.
 */
package io.auditgap.checks.matchers.sshd;
