package io.auditgap.checks.matchers.auditsubsystem;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.FileModes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code audit.file-permissions}: audit logs, configuration and tools are not writable or readable
 * beyond what the profile allows. Log files may belong to group root or to auditd.conf's {@code
 * log_group} ({@code adm} on Debian/Ubuntu). Thresholds (octal, "at most"): {@code log_dir_max},
 * {@code log_file_max}, {@code config_max}, {@code tool_max}, each a value or a per-profile map. A
 * path stat could not reach makes the verdict unknown unless another path already fails.
 */
public final class AuditFilePermissionsMatcher extends GatedMatcher {
  public static final String NAME = "audit-file-permissions";
  private static final String AUDITD_CONF = "/etc/audit/auditd.conf";

  public AuditFilePermissionsMatcher() {
    super(
        NAME,
        List.of(
            ParamSpec.of("log_dir_max", ParamType.MODE).byProfile(),
            ParamSpec.of("log_file_max", ParamType.MODE).byProfile(),
            ParamSpec.of("config_max", ParamType.MODE).byProfile(),
            ParamSpec.of("tool_max", ParamType.MODE).byProfile()),
        needsOf(
            List.of(FileModes.MODES, AuditFacts.AUDITCTL_INSTALLED),
            Set.of(new CollectionItem.File(AUDITD_CONF))),
        Gate.container("audit files belong to the container host"));
  }

  private enum Kind {
    LOG_DIR("log_dir_max", 0750),
    LOG_FILE("log_file_max", 0640),
    CONFIG("config_max", 0640),
    TOOL("tool_max", 0755);

    final String param;
    final int fallback;

    Kind(String param, int fallback) {
      this.param = param;
      this.fallback = fallback;
    }
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<FileModes> modes = facts.get(FileModes.MODES);
    if (!modes.isSeen()) {
      return Verdict.unknown("file modes not seen: " + modes.reason());
    }
    String logGroup = logGroup(facts.snapshot());
    List<Evidence> ev = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    int checked = 0;
    FileModes m = modes.value();
    for (Map.Entry<String, FileModes.FileMode> e : m.files().entrySet()) {
      Kind kind = kind(e.getKey());
      if (kind == null) {
        continue;
      }
      checked++;
      FileModes.FileMode f = e.getValue();
      int max = (int) (long) params.number(kind.param).orElse((long) kind.fallback);
      List<String> why = new ArrayList<>();
      if ((f.mode() & 07777 & ~max) != 0) {
        why.add("mode " + f.octal() + " exceeds " + String.format("%04o", max));
      }
      if (!f.owner().equals("root")) {
        why.add("owner " + f.owner() + " is not root");
      }
      boolean logKind = kind == Kind.LOG_DIR || kind == Kind.LOG_FILE;
      boolean groupOk = f.group().equals("root") || (logKind && f.group().equals(logGroup));
      if (!groupOk && logKind && logGroup == null) {
        // auditd.conf unreadable: the group may be the configured log_group
        unseen.add(
            f.path()
                + ": group "
                + f.group()
                + " (log_group not known: "
                + AUDITD_CONF
                + " not read)");
      } else if (!groupOk) {
        why.add(
            "group "
                + f.group()
                + " is not root"
                + (kind == Kind.LOG_FILE || kind == Kind.LOG_DIR
                    ? " or log_group " + logGroup
                    : ""));
      }
      String line = f.octal() + " " + f.owner() + " " + f.group() + " " + f.type() + " " + f.path();
      if (why.isEmpty()) {
        ev.add(Evidence.of(FileModes.COMMAND, 0, line, "within " + String.format("%04o", max)));
      } else {
        bad.add(f.path() + ": " + String.join(", ", why));
        ev.add(Evidence.of(FileModes.COMMAND, 0, line, String.join(", ", why)));
      }
    }
    for (Map.Entry<String, String> e : m.errors().entrySet()) {
      if (m.denied(e.getKey())) {
        unseen.add(e.getKey() + ": " + e.getValue());
        ev.add(Evidence.of(FileModes.COMMAND, 0, e.getKey(), "not seen: " + e.getValue()));
      }
    }
    if (!bad.isEmpty()) {
      return Verdict.fail(String.join("; ", bad), ev);
    }
    if (!unseen.isEmpty()) {
      return Verdict.unknown(
          "not every audit file could be examined (collect as root): " + String.join("; ", unseen),
          ev);
    }
    if (checked == 0) {
      // nothing to examine because auditd was never installed (openSUSE, Fedora, Alpine minimal
      // installs): the gap is auditd itself, not an unknown
      Optional<Verdict> missing =
          Preconditions.auditdInstalled(
              facts, "there are no audit logs, rules or tools to protect");
      if (missing.isPresent()) {
        return missing.get();
      }
      return Verdict.unknown("no audit file was found to examine", ev);
    }
    return Verdict.pass(checked + " audit logs, configuration files and tools within limits", ev);
  }

  private static Kind kind(String path) {
    if (path.equals("/var/log/audit")) {
      return Kind.LOG_DIR;
    }
    if (path.startsWith("/var/log/audit/audit.log")) {
      return Kind.LOG_FILE;
    }
    if (path.startsWith("/etc/audit/")) {
      return Kind.CONFIG;
    }
    if (path.startsWith("/sbin/")) {
      return Kind.TOOL;
    }
    return null;
  }

  /**
   * {@code log_group} from auditd.conf (default root), or null when the file could not be read; a
   * minimal parse here, the ACF family owns auditd.conf.
   */
  private static String logGroup(HostSnapshot s) {
    Optional<SnapshotItem> conf = s.file(AUDITD_CONF);
    if (conf.isPresent() && conf.get().exitStatus() == SnapshotItem.ABSENT) {
      return "root";
    }
    if (conf.isEmpty() || !conf.get().isComplete()) {
      return null;
    }
    String group = "root";
    for (String line : conf.get().text().split("\n")) {
      String t = line.strip();
      if (t.startsWith("#")) {
        continue;
      }
      String[] kv = t.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("log_group")) {
        group = kv[1].strip();
      }
    }
    return group;
  }
}
