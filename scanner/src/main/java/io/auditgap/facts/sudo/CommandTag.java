package io.auditgap.facts.sudo;

/** A {@code LOG_INPUT:}-style tag seen in a user specification. */
public record CommandTag(String file, int line, String tag, String text) {}
