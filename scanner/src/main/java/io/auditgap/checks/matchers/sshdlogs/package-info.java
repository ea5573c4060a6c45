/**
 * Matchers of the sshd logging (SSH-01..04), auth log (LOG-01/02), login records (LRC-01) and time
 * (TIM-01) checks; registered through {@link
 * io.auditgap.checks.matchers.sshdlogs.SshdLogsMatchers}.
 */
package io.auditgap.checks.matchers.sshdlogs;
