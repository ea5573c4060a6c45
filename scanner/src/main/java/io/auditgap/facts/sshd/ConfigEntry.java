package io.auditgap.facts.sshd;

import io.auditgap.facts.SourceLine;

/** One step of sshd's reading of its configuration, in the order sshd performs them. */
public sealed interface ConfigEntry permits SshdDirective, UnreadInclude {
  SourceLine source();

  /** The Match block this entry sits in, or null for the global section. */
  MatchBlock match();
}
