/**
 * Where session events are logged and where they go: the syslog daemons' configuration (rsyslog
 * legacy and RainerScript, syslog-ng), journald and its uploader, the agents that forward logs, and
 * where authentication events and login records are kept (one {@code stat} pass over the auth log,
 * login record and journal paths with the host's own clock, the newest sshd journal entry,
 * journald's Storage=).
 */
package io.auditgap.facts.logging;
