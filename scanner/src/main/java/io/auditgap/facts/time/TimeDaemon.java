package io.auditgap.facts.time;

/**
 * A time synchronisation daemon found on the host.
 *
 * @param name the unit id ({@code chrony.service}) or process name ({@code chronyd})
 * @param active running now
 * @param detail the state words, for evidence
 */
public record TimeDaemon(String name, boolean active, String detail) {}
