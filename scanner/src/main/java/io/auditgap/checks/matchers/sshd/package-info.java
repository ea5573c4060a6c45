/**
 * Matchers of the sshd family (checks/sshd.yaml): LogLevel, SyslogFacility, UsePAM and whether sshd
 * accepts its configuration; registered through {@link
 * io.auditgap.checks.matchers.sshd.SshdMatchers}.
 */
package io.auditgap.checks.matchers.sshd;
