package io.auditgap.facts;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.Optional;

/** Shared helpers for deriving facts from snapshot items, keeping "not seen" honest. */
public final class SnapshotFacts {
  private SnapshotFacts() {}

  /** The full text of a command's output when it ran to completion (any exit status). */
  public static Observed<SnapshotItem> command(HostSnapshot s, String name) {
    Optional<SnapshotItem> item = s.command(name);
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason("command '" + name + "'"));
    }
    String problem = item.get().problem();
    return problem == null ? Observed.seen(item.get()) : Observed.unseen(problem);
  }

  /**
   * A file's content. An absent file is seen (as {@code Optional.empty()}); an unreadable or cut
   * file is not.
   */
  public static Observed<Optional<SnapshotItem>> file(HostSnapshot s, String path) {
    Optional<SnapshotItem> item = s.file(path);
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason(path));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(Optional.empty());
    }
    String problem = it.problem();
    return problem == null ? Observed.seen(Optional.of(it)) : Observed.unseen(problem);
  }
}
