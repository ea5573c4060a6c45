package io.auditgap.facts.sudo;

import io.auditgap.facts.SourceLine;

/** A {@code LOG_INPUT:}-style tag seen in a user specification. */
public record CommandTag(SourceLine at, String tag) {}
