package io.auditgap.facts.pam;

import java.util.List;

/**
 * The lines of one type (e.g. {@code session}) that libpam runs for a service, includes expanded.
 *
 * @param serviceFile the file read for the service ({@code /etc/pam.d/sshd}, the vendor file, or
 *     {@code other})
 * @param problems missing include targets, recursion, lines libpam rejects
 */
public record PamStack(
    String service,
    String type,
    String serviceFile,
    List<StackEntry> entries,
    List<String> problems) {
  public PamStack {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /** The reachable-or-not lines that load the named module, in stack order. */
  public List<StackEntry> module(String name) {
    return entries.stream().filter(e -> e.rule().isModule(name)).toList();
  }
}
