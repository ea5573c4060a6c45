package io.auditgap.facts.audit.daemon;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.system.FileStat;
import java.util.Optional;
import java.util.Set;

/** auditd.conf: its parsed content and its ownership. */
public final class AuditdConfFacts {
  public static final String PATH = "/etc/audit/auditd.conf";
  public static final CollectionItem CONF_FILE = new CollectionItem.File(PATH);

  /**
   * stat tells "absent" from "denied": without root, /etc/audit (0750) cannot be searched, and the
   * collector's {@code [ -e ]} test then reports the file as absent.
   */
  public static final CollectionItem CONF_STAT =
      CollectionItem.Command.quick("stat auditd.conf", "stat -c '%a %U %G %F' " + PATH);

  /**
   * The parsed file; {@code Optional.empty()} when it truly does not exist (seen as root, or stat
   * says so). Unseen when it could not be read.
   */
  public static final FactKey<Observed<Optional<AuditdConf>>> CONF =
      new FactKey<>(
          "auditd.conf", Set.of(CONF_FILE, CONF_STAT, OsFacts.ID_U), AuditdConfFacts::conf);

  /** The file's mode and owner; unseen without root. */
  public static final FactKey<Observed<FileStat>> STAT =
      new FactKey<>("auditd.conf stat", Set.of(CONF_STAT), AuditdConfFacts::stat);

  private AuditdConfFacts() {}

  static Observed<Optional<AuditdConf>> conf(HostSnapshot s) {
    Optional<SnapshotItem> item = s.file(PATH);
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason(PATH));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      Optional<SnapshotItem> st = s.command("stat auditd.conf");
      String out = st.map(SnapshotItem::text).orElse("");
      if (out.contains("No such file")) {
        return Observed.seen(Optional.empty());
      }
      return Observed.unseen(
          PATH
              + ": not visible"
              + (out.contains("Permission denied")
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
    Optional<SnapshotItem> st = s.command("stat auditd.conf");
    if (st.isEmpty()) {
      return Observed.unseen(s.missingReason("command 'stat auditd.conf'"));
    }
    String p = st.get().problem();
    if (p != null) {
      return Observed.unseen(p);
    }
    Optional<FileStat> f = FileStat.parseShort(PATH, st.get().text());
    return f.<Observed<FileStat>>map(Observed::seen)
        .orElseGet(
            () ->
                Observed.unseen(
                    "stat "
                        + PATH
                        + ": "
                        + st.get().text().strip().replaceAll("\\s+", " ")
                        + " (exit "
                        + st.get().exitStatus()
                        + ")"));
  }
}
