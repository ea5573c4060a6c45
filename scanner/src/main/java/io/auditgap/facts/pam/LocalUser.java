package io.auditgap.facts.pam;

/** One {@code /etc/passwd} entry. */
public record LocalUser(String name, long uid, String home, String shell, int line) {}
