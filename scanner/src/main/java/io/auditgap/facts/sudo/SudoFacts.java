package io.auditgap.facts.sudo;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import java.util.Optional;
import java.util.Set;

/** sudo's presence, version and sudoers policy. */
public final class SudoFacts {
  public static final CollectionItem SUDOERS = new CollectionItem.File(SudoersResolver.MAIN);
  public static final CollectionItem SUDOERS_D =
      new CollectionItem.Directory(SudoersResolver.DROP_IN_DIR);

  /**
   * {@code sudo -V}: as root it also lists the effective Defaults; as non-root only the version.
   * Exit 127 when sudo is not installed.
   */
  public static final CollectionItem SUDO_V = CollectionItem.Command.quick("sudo -V", "sudo -V");

  /** The installed sudo's version; empty when sudo is not installed. */
  public static final FactKey<Observed<Optional<SudoVersion>>> VERSION =
      new FactKey<>("sudo version", Set.of(SUDO_V), SudoFacts::version);

  /** The sudoers policy; empty when /etc/sudoers does not exist. */
  public static final FactKey<Observed<Optional<SudoersPolicy>>> POLICY =
      new FactKey<>("sudoers", Set.of(SUDOERS, SUDOERS_D), SudoersResolver::resolve);

  private SudoFacts() {}

  static Observed<Optional<SudoVersion>> version(HostSnapshot s) {
    Optional<SnapshotItem> item = s.command("sudo -V");
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason("command 'sudo -V'"));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.NOT_FOUND) {
      return Observed.seen(Optional.empty());
    }
    if (it.exitStatus() == SnapshotItem.TIMED_OUT || it.exitStatus() == SnapshotItem.SKIPPED) {
      return Observed.unseen(it.problem());
    }
    Optional<SudoVersion> v = SudoVersion.parse(it.text());
    return v.isPresent()
        ? Observed.seen(v)
        : Observed.unseen("sudo -V printed no version (exit " + it.exitStatus() + ")");
  }
}
