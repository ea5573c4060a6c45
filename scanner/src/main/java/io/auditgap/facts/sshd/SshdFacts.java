package io.auditgap.facts.sshd;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotConfigFiles;
import io.auditgap.facts.SnapshotFacts;
import java.util.List;
import java.util.Set;

/** sshd's effective configuration: from {@code sshd -T} when it runs, else from the files. */
public final class SshdFacts {
  public static final String MAIN_CONFIG = "/etc/ssh/sshd_config";
  public static final String DROP_IN_DIR = "/etc/ssh/sshd_config.d";

  /**
   * Needs root: sshd loads the host keys before printing anything. sshd exits 255 on an invalid
   * configuration, which the collector reserves for "skipped", so the status travels in a trailer
   * line and the item itself exits 0 (127 when sshd is missing).
   */
  public static final CollectionItem SSHD_T =
      CollectionItem.Command.quick(
          "sshd -T",
          "command -v sshd >/dev/null 2>&1 || exit 127; sshd -T; echo \""
              + SshdDump.TRAILER
              + "$?\"; exit 0");

  /**
   * Sets {@code nm} to {@code sshd -T}'s output (status in {@code ns}) when no file of the
   * configuration (sshd_config and what its Include lines reach, three levels deep) has a Match
   * block: then no connection can change a setting and one sshd run answers for every user instead
   * of one per user (about 10 ms of the host's CPU each). Anything it cannot follow (a quoted
   * Include, deeper nesting, no sshd_config in /etc/ssh or /usr/etc/ssh) leaves {@code nm} empty:
   * one run per user.
   */
  private static final String NO_MATCH_BLOCK =
      "nm=; "
          + SshdMainConfig.SHELL_SELECT
          + "k='{k=tolower($1); sub(/=.*/,\"\",k)}'; if [ -f \"$c\" ]; then"
          + " set -- \"$c\"; i=0; while [ $i -lt 4 ]; do i=$((i+1)); n=$#;"
          + " t=$(awk \"$k\"' k==\"include\"{sub(/^[^ \\t=]*[ \\t=]+/,\"\"); print}' \"$@\") || break;"
          + " case $t in *[\\\"\\']*) break;; esac; set -- \"$c\"; for p in $t; do case $p in /*) ;;"
          + " *) p=/etc/ssh/$p;; esac; for g in $p; do [ -f \"$g\" ] && set -- \"$@\" \"$g\"; done; done;"
          + " if [ $# -eq $n ]; then awk \"$k\"' k==\"match\"{f=1; exit} END{exit f}' \"$@\" &&"
          + " { nm=$(sshd -T 2>&1); ns=$?; echo '# no Match block in the configuration:"
          + " sshd -T answers for every user'; }; break; fi; done; fi; ";

  /**
   * {@code sshd -T -C} for root, the login user the collector runs for ({@code SUDO_USER} under
   * sudo, else itself: the user the exposure probe asks about) and at most five interactive users
   * (uid >= UID_MIN from /etc/login.defs, else 1000, below 60000, with a shell listed in
   * /etc/shells that is not nologin/false), each from a generic remote source with a public address
   * ({@link Connection#genericRemote}). Only the settings the checks read are kept, or the first
   * lines when sshd printed none. Bounded: seven sshd runs at most.
   */
  public static final CollectionItem.Command SSHD_T_USERS =
      CollectionItem.Command.bounded(
          "sshd -T -C audited users",
          "command -v sshd >/dev/null 2>&1 || exit 127; "
              + "m=$(awk '$1==\"UID_MIN\"{print $2}' /etc/login.defs 2>/dev/null); "
              + "case $m in ''|*[!0-9]*) m=1000;; esac; "
              + "u=$( { getent passwd 2>/dev/null || cat /etc/passwd; } | awk -F: -v m=\"$m\" "
              + "'NR==FNR{ok[$1]=1;next} $3>=m && $3<60000 && ($7 in ok) && $7 !~ /(nologin|false)$/"
              + " {print $1}' /etc/shells - 2>/dev/null | head -n 5); "
              + "l=${SUDO_USER:-$(id -un 2>/dev/null)}; "
              + NO_MATCH_BLOCK
              + "for x in $(printf '%s\\n' root \"$l\" $u | awk 'NF && !s[$0]++'); do"
              + " if [ -n \"$nm\" ]; then o=$nm; s=$ns; else"
              + " o=$(sshd -T -C \"user=$x,host=unknown,addr=203.0.113.1\" 2>&1); s=$?; fi;"
              + " echo \"== user=$x exit=$s\"; "
              + "printf '%s\\n' \"$o\" | grep -E '^(loglevel|syslogfacility|usepam|permitrootlogin"
              + "|passwordauthentication|kbdinteractiveauthentication|challengeresponseauthentication"
              + "|authenticationmethods) '"
              + " || printf '%s\\n' \"$o\" | head -n 3; done; exit 0");

  public static final CollectionItem MAIN_FILE = new CollectionItem.File(MAIN_CONFIG);
  public static final CollectionItem DROP_INS = new CollectionItem.Directory(DROP_IN_DIR);

  /** RHEL's 50-redhat.conf includes it before SyslogFacility and UsePAM. */
  public static final CollectionItem CRYPTO_POLICY =
      new CollectionItem.File("/etc/crypto-policies/back-ends/opensshserver.config");

  public static final FactKey<Observed<SshdDump>> DUMP =
      new FactKey<>("sshd -T", Set.of(SSHD_T), s -> dump(s, "sshd -T"));

  /**
   * What {@code sshd -t} would say: {@code sshd -T} runs the same configuration and host-key test
   * before printing (same messages, same exit status), so sshd is not started twice for it.
   */
  public static final FactKey<Observed<SshdDump>> TEST =
      new FactKey<>("sshd -t", Set.of(SSHD_T), s -> dump(s, "sshd -T"));

  public static final FactKey<Observed<List<ConnectionProbe>>> PROBES =
      FactKey.ofCommand(
          "sshd -T -C",
          SSHD_T_USERS,
          i -> i.exitStatus() == 0 ? ConnectionProbe.parseAll(i.text()) : List.of());

  public static final FactKey<Observed<SshdConfig>> CONFIG =
      new FactKey<>(
          "sshd_config",
          Set.of(
              MAIN_FILE,
              DROP_INS,
              CRYPTO_POLICY,
              SshdMainConfig.VENDOR_FILE,
              SshdMainConfig.VENDOR_DROP_INS),
          s -> SshdConfigParser.parse(SshdMainConfig.path(s), new SnapshotConfigFiles(s)));

  private SshdFacts() {}

  private static Observed<SshdDump> dump(HostSnapshot s, String name) {
    Observed<SnapshotItem> item = SnapshotFacts.command(s, name);
    if (!item.isSeen()) {
      return Observed.unseen(((Observed.Unseen<SnapshotItem>) item).reason());
    }
    return Observed.seen(SshdDump.parse(item.value().text(), item.value().exitStatus()));
  }
}
