package io.auditgap.facts.pam;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.sshd.SshdMainConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** PAM stacks, sshd's UsePAM, local accounts and session recorders. */
public final class PamFacts {
  public static final CollectionItem PAM_D = new CollectionItem.Directory(PamConfigSource.ETC);
  public static final CollectionItem VENDOR_PAM_D =
      new CollectionItem.Directory(PamConfigSource.VENDOR);

  /** Which of the two modules exist, in every module directory distributions use. */
  public static final CollectionItem PAM_MODULES =
      CollectionItem.Command.quick(
          "pam modules",
          "for d in /lib/security /lib64/security /usr/lib/security /usr/lib64/security"
              + " /lib/*-linux-gnu*/security /usr/lib/*-linux-gnu*/security; do"
              + " for m in pam_tty_audit.so pam_loginuid.so; do"
              + " [ -e \"$d/$m\" ] && printf '%s\\n' \"$d/$m\"; done; done; echo '#done'; return 0");

  public static final CollectionItem SSHD_CONFIG = new CollectionItem.File(SshdUsePamReader.MAIN);
  public static final CollectionItem SSHD_CONFIG_D =
      new CollectionItem.Directory(SshdUsePamReader.DROP_IN_DIR);
  public static final CollectionItem.File PASSWD = new CollectionItem.File("/etc/passwd");
  public static final CollectionItem.File LOGIN_DEFS = new CollectionItem.File("/etc/login.defs");
  public static final CollectionItem.File SHELLS = new CollectionItem.File("/etc/shells");
  public static final CollectionItem.File GROUP = new CollectionItem.File("/etc/group");

  /** The scanner's own session: a runtime proof that sshd set a loginuid (4294967295 = unset). */
  public static final CollectionItem SELF_LOGINUID = new CollectionItem.File("/proc/self/loginuid");

  public static final CollectionItem TLOG_CONF =
      new CollectionItem.File("/etc/tlog/tlog-rec-session.conf");
  public static final CollectionItem TLOG_DEFAULT_CONF =
      new CollectionItem.File("/usr/share/tlog/tlog-rec-session.default.conf");
  public static final CollectionItem TLOG_BINARY =
      CollectionItem.Command.quick("command -v tlog-rec-session", "command -v tlog-rec-session");
  public static final CollectionItem SSSD_CONF = new CollectionItem.File("/etc/sssd/sssd.conf");
  public static final CollectionItem SSSD_CONF_D = new CollectionItem.Directory("/etc/sssd/conf.d");

  /** The session stack sshd runs (PAM service {@code sshd}). */
  public static final FactKey<Observed<PamStack>> SSHD_SESSION =
      new FactKey<>(
          "sshd session stack",
          Set.of(PAM_D, VENDOR_PAM_D),
          s -> new PamStackResolver(new PamConfigSource(s)).resolve("sshd", "session"));

  /** Paths of pam_tty_audit.so and pam_loginuid.so found on the host. */
  public static final FactKey<Observed<Set<String>>> MODULE_FILES =
      new FactKey<>("pam module files", Set.of(PAM_MODULES), PamFacts::moduleFiles);

  /** sshd's UsePAM; empty when there is no sshd configuration (OpenSSH server not installed). */
  public static final FactKey<Observed<Optional<UsePamSetting>>> USE_PAM =
      new FactKey<>(
          "sshd UsePAM",
          Set.of(
              SSHD_CONFIG,
              SSHD_CONFIG_D,
              SshdMainConfig.VENDOR_FILE,
              SshdMainConfig.VENDOR_DROP_INS),
          SshdUsePamReader::read);

  public static final FactKey<Observed<List<LocalUser>>> USERS =
      FactKey.ofFile("passwd", PASSWD, LocalAccounts::parsePasswd, List.of());

  /** /etc/shells; glibc's default list when the file does not exist. */
  public static final FactKey<Observed<Set<String>>> SHELL_LIST =
      FactKey.ofFile("shells", SHELLS, LocalAccounts::parseShells, LocalAccounts.DEFAULT_SHELLS);

  public static final FactKey<Observed<OptionalLong>> UID_MIN =
      FactKey.ofFile("UID_MIN", LOGIN_DEFS, LocalAccounts::uidMin, OptionalLong.empty());

  public static final FactKey<Observed<Map<String, Set<String>>>> GROUPS =
      FactKey.ofFile("group", GROUP, LocalAccounts::parseGroups, Map.of());

  /** Path of tlog-rec-session; empty when it is not installed. */
  public static final FactKey<Observed<Optional<String>>> TLOG_INSTALLED =
      new FactKey<>("tlog binary", Set.of(TLOG_BINARY), PamFacts::tlogBinary);

  public static final FactKey<Observed<TlogSettings>> TLOG_SETTINGS =
      new FactKey<>("tlog settings", Set.of(TLOG_CONF, TLOG_DEFAULT_CONF), PamFacts::tlogSettings);

  public static final FactKey<Observed<SssdSessionRecording>> SSSD_RECORDING =
      new FactKey<>("sssd session recording", Set.of(SSSD_CONF, SSSD_CONF_D), PamFacts::sssd);

  private PamFacts() {}

  static Observed<Set<String>> moduleFiles(HostSnapshot s) {
    return SnapshotFacts.command(s, "pam modules")
        .map(
            i -> {
              Set<String> out = new LinkedHashSet<>();
              for (String l : i.text().split("\n")) {
                if (l.startsWith("/")) {
                  out.add(l.strip());
                }
              }
              return out;
            });
  }

  static Observed<Optional<String>> tlogBinary(HostSnapshot s) {
    Optional<SnapshotItem> item = s.command("command -v tlog-rec-session");
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason("command 'command -v tlog-rec-session'"));
    }
    SnapshotItem it = item.get();
    if (it.truncated() || it.exitStatus() == SnapshotItem.TIMED_OUT) {
      return Observed.unseen(it.problem());
    }
    String path = it.text().strip();
    return Observed.seen(
        it.exitStatus() == 0 && path.startsWith("/") ? Optional.of(path) : Optional.empty());
  }

  static Observed<TlogSettings> tlogSettings(HostSnapshot s) {
    Observed<Optional<SnapshotItem>> sys = SnapshotFacts.file(s, "/etc/tlog/tlog-rec-session.conf");
    Observed<Optional<SnapshotItem>> pkg =
        SnapshotFacts.file(s, "/usr/share/tlog/tlog-rec-session.default.conf");
    if (!sys.isSeen()) {
      return Observed.unseen(sys.reason());
    }
    if (!pkg.isSeen()) {
      return Observed.unseen(pkg.reason());
    }
    return Observed.seen(
        TlogSettings.of(sys.value().map(SnapshotItem::text), pkg.value().map(SnapshotItem::text)));
  }

  static Observed<SssdSessionRecording> sssd(HostSnapshot s) {
    List<Map.Entry<String, String>> files = new ArrayList<>();
    Observed<Optional<SnapshotItem>> main = SnapshotFacts.file(s, "/etc/sssd/sssd.conf");
    if (!main.isSeen()) {
      return Observed.unseen(main.reason());
    }
    main.value().ifPresent(i -> files.add(Map.entry(i.name(), i.text())));
    Optional<SnapshotItem> dir = s.directory("/etc/sssd/conf.d");
    if (dir.isEmpty()) {
      return Observed.unseen(s.missingReason("/etc/sssd/conf.d"));
    }
    if (dir.get().exitStatus() != SnapshotItem.ABSENT) {
      if (dir.get().problem() != null) {
        return Observed.unseen(dir.get().problem());
      }
      List<SnapshotItem> snippets = new ArrayList<>();
      for (SnapshotItem f : s.filesIn("/etc/sssd/conf.d")) {
        String base = f.name().substring(f.name().lastIndexOf('/') + 1);
        // SSSD reads only *.conf snippets, skipping hidden files
        if (base.endsWith(".conf") && !base.startsWith(".")) {
          if (!f.isComplete()) {
            return Observed.unseen(f.problem());
          }
          snippets.add(f);
        }
      }
      snippets.sort((a, b) -> a.name().compareTo(b.name()));
      snippets.forEach(i -> files.add(Map.entry(i.name(), i.text())));
    }
    return Observed.seen(SssdSessionRecording.merge(files));
  }
}
