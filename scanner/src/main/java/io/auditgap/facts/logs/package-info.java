/**
 * Where authentication events and login records are kept: one {@code stat} pass over the auth log,
 * login record and journal paths with the host's own clock, the newest sshd journal entry,
 * journald's Storage= and rsyslog's selector rules (legacy syntax only; RainerScript filters are
 * not evaluated).
 */
package io.auditgap.facts.logs;
