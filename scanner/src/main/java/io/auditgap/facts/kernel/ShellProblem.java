package io.auditgap.facts.kernel;

import io.auditgap.facts.SourceLine;

/** A line of a shell-sourced config file that was not (or not fully) evaluated, and why. */
public record ShellProblem(SourceLine at, String message) {}
