package io.auditgap.facts.kernel;

import io.auditgap.facts.SourceLine;
import java.util.Optional;

/**
 * The assignment that gave a shell variable its value.
 *
 * @param value the value after quote removal and {@code $VAR} expansion
 * @param resolved false when the value holds a command substitution that was not run
 * @param overrode the assignment this one replaced, if any (a later file wins)
 */
public record ShellAssignment(
    String name,
    String value,
    SourceLine at,
    boolean resolved,
    Optional<ShellAssignment> overrode) {}
