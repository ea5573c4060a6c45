package io.auditgap.facts.sshd;

/** A line sshd would reject or the scanner could not follow, reported instead of thrown. */
public record ConfigProblem(ConfigSource source, String message) {}
