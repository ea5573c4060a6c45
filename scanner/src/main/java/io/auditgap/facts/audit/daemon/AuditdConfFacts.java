package io.auditgap.facts.audit.daemon;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.audit.FileModes;
import io.auditgap.facts.system.FileStat;
import java.util.Optional;
import java.util.Set;

/** auditd.conf: its parsed content and its ownership. */
public final class AuditdConfFacts {
  public static final String PATH = "/etc/audit/auditd.conf";
  public static final CollectionItem CONF_FILE = new CollectionItem.File(PATH);

  /**
   * Parsed content; {@code Optional.empty()} when it truly does not exist (seen as root, or stat
   * says so). Unseen when it could not be read. stat tells "absent" from "denied": without root,
   * /etc/audit (0750) cannot be searched, and the collector's {@code [ -e ]} test then reports the
   * file as absent. The stat is the audit files' one ({@link FileModes#STAT}), which names this
   * file: no stat of its own.
   */
  public static final FactKey<Observed<Optional<AuditdConf>>> CONF =
      new FactKey<>(
          "auditd.conf", Set.of(CONF_FILE, FileModes.STAT, OsFacts.ID_U), AuditdConfFacts::conf);

  /** The file's mode and owner; unseen without root. */
  public static final FactKey<Observed<FileStat>> STAT =
      new FactKey<>("auditd.conf stat", Set.of(FileModes.STAT), AuditdConfFacts::stat);

  private AuditdConfFacts() {}

  static Observed<Optional<AuditdConf>> conf(HostSnapshot s) {
    Optional<SnapshotItem> item = s.file(PATH);
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason(PATH));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      Observed<FileModes> modes = FileModes.MODES.derive().apply(s);
      String why = modes.isSeen() ? modes.value().errors().get(PATH) : null;
      if (why != null && why.startsWith("No such file")) {
        return Observed.seen(Optional.empty());
      }
      return Observed.unseen(
          PATH
              + ": not visible"
              + (why != null && why.contains("Permission denied")
                  ? " (permission denied: /etc/audit is 0750 root, collect as root)"
                  : " and stat could not confirm it is absent"));
    }
    String problem = it.problem();
    if (problem != null) {
      return Observed.unseen(problem);
    }
    return Observed.seen(Optional.of(AuditdConfParser.parse(PATH, it.text())));
  }

  static Observed<FileStat> stat(HostSnapshot s) {
    Observed<FileModes> modes = FileModes.MODES.derive().apply(s);
    if (!modes.isSeen()) {
      return Observed.unseen(modes.reason());
    }
    FileModes.FileMode m = modes.value().files().get(PATH);
    if (m != null) {
      return Observed.seen(new FileStat(PATH, -1, m.mode(), m.owner(), m.group(), m.type(), -1));
    }
    String why = modes.value().errors().get(PATH);
    return Observed.unseen(
        "stat " + PATH + ": " + (why != null ? why : "no line for it in stat's output"));
  }
}
