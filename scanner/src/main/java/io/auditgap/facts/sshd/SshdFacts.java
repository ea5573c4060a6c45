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
          "command -v sshd >/dev/null 2>&1 || return 127; sshd -T; echo \""
              + SshdDump.TRAILER
              + "$?\"; return 0");

  /**
   * Sets {@code nm} when no file of the configuration (sshd_config in /etc/ssh, else in
   * /usr/etc/ssh, and what its Include lines reach, three levels deep) has a Match block: then no
   * connection can change a setting and the {@code sshd -T} item answers for every user, so sshd is
   * not started again (about 10 ms of the host's CPU per run). One awk per level prints the Include
   * arguments and whether a Match line was seen; the first level already reads the drop-ins that
   * the distributions' Include line ({@code sshd_config.d/*.conf} beside sshd_config) names, so
   * that one awk suffices when they are all it includes. Anything it cannot follow (a quoted
   * Include, deeper nesting, no sshd_config) leaves {@code nm} empty: one run per user.
   */
  private static final String NO_MATCH_BLOCK =
      "nm=; "
          + SshdMainConfig.SHELL_SELECT
          + "if [ -f \"$c\" ]; then set -- \"$c\"; for g in \"${c%/*}\"/sshd_config.d/*.conf; do"
          + " [ -f \"$g\" ] && set -- \"$@\" \"$g\"; done; i=0; while [ $i -lt 4 ]; do i=$((i+1));"
          + " r=\"$*\"; t=$(awk '{sub(/^[ \\t]+/,\"\"); k=tolower($1); sub(/=.*/,\"\",k)}"
          + " k==\"match\"{f=1; exit} k==\"include\"{sub(/^[^ \\t=]*[ \\t=]+/,\"\"); print}"
          + " END{print \"#match=\" f+0}' \"$@\") || break; mf=${t##*#match=}; t=${t%#match=*};"
          + " case $t in *[\\\"\\']*) break;; esac; [ \"$mf\" = 0 ] || break; set -- \"$c\";"
          + " for p in $t; do case $p in /*) ;; *) p=/etc/ssh/$p;; esac; for g in $p;"
          + " do [ -f \"$g\" ] && set -- \"$@\" \"$g\"; done; done; if [ \"$*\" = \"$r\" ]; then"
          + " nm=1; echo '# no Match block in the configuration:"
          + " sshd -T answers for every user'; break; fi; done; fi; ";

  /** The settings the checks read from each user's answer. */
  private static final String KEPT =
      "loglevel|syslogfacility|usepam|permitrootlogin|passwordauthentication"
          + "|kbdinteractiveauthentication|challengeresponseauthentication|authenticationmethods";

  /**
   * {@code sshd -T -C} for root, the login user the collector runs for ({@code SUDO_USER} under
   * sudo, else the session's login name: the user the exposure probe asks about) and at most five
   * interactive users (uid >= UID_MIN from /etc/login.defs, else 1000, below 60000, with a shell
   * listed in /etc/shells that is not nologin/false), each from a generic remote source with a
   * public address ({@link Connection#genericRemote}). Only the settings the checks read are kept,
   * or the first lines when sshd printed none. Bounded: six sshd runs at most. One awk reads
   * login.defs, /etc/shells and the password database; the kept lines are picked by the shell.
   *
   * <p>Without a Match block, root's and the login user's headers say {@code as sshd -T} and the
   * {@code sshd -T} item is their answer; the password database is not read then, since every
   * user's answer would be the same.
   */
  public static final CollectionItem.Command SSHD_T_USERS =
      CollectionItem.Command.bounded(
          "sshd -T -C audited users",
          "command -v sshd >/dev/null 2>&1 || return 127; l=${SUDO_USER:-${LOGNAME:-${USER:-}}};"
              + " [ -n \"$l\" ] || l=$(id -un 2>/dev/null); "
              + NO_MATCH_BLOCK
              + "if [ -n \"$nm\" ]; then echo '== user=root as sshd -T'; [ -z \"$l\" ] || [ \"$l\" ="
              + " root ] || echo \"== user=$l as sshd -T\"; return 0; fi; "
              + "u=$( { getent passwd 2>/dev/null || cat /etc/passwd; } | awk -F: -v l=\"$l\" "
              + "'BEGIN { while ((getline x < \"/etc/login.defs\") > 0) { split(x, w, \" \");"
              + " if (w[1] == \"UID_MIN\") { c++; m = w[2] } } if (c != 1 || m !~ /^[0-9]+$/) m = 1000;"
              + " m += 0; while ((getline x < \"/etc/shells\") > 0) { split(x, w, \":\"); ok[w[1]] = 1 }"
              + " s[\"root\"] = 1; print \"root\"; if (l != \"\" && !(l in s)) { s[l] = 1; print l } }"
              + " $3 >= m && $3 < 60000 && ($7 in ok) && $7 !~ /(nologin|false)$/ && n < 5"
              + " { n++; if (!($1 in s)) { s[$1] = 1; print $1 } }' 2>/dev/null); "
              + "set -f; for x in $u; do o=$(sshd -T -C \"user=$x,host=unknown,addr=203.0.113.1\" 2>&1);"
              + " s=$?; echo \"== user=$x exit=$s\"; printf '%s\\n' \"$o\" | { k=; h=; j=0; while IFS="
              + " read -r y; do case $y in "
              + KEPT.replace("|", "\\ *|")
              + "\\ *) k=\"$k$y\n\";; esac; [ $j -lt 3 ] && h=\"$h$y\n\"; j=$((j+1)); done;"
              + " printf '%s' \"${k:-$h}\"; }; done; return 0");

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
      new FactKey<>("sshd -T -C", Set.of(SSHD_T_USERS, SSHD_T), SshdFacts::probes);

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

  /**
   * Each audited user's answer; a user whose header says {@code as sshd -T} (no Match block) takes
   * the {@code sshd -T} item's, and is unseen with it.
   */
  private static Observed<List<ConnectionProbe>> probes(HostSnapshot s) {
    Observed<SnapshotItem> item = SnapshotFacts.command(s, "sshd -T -C audited users");
    if (!item.isSeen() || item.value().exitStatus() != 0) {
      return item.<List<ConnectionProbe>>map(i -> List.of());
    }
    String text = item.value().text();
    if (!ConnectionProbe.answeredBySshdT(text)) {
      return Observed.seen(ConnectionProbe.parseAll(text, null));
    }
    Observed<SshdDump> all = dump(s, "sshd -T");
    if (!all.isSeen()) {
      return Observed.unseen(all.reason());
    }
    return Observed.seen(ConnectionProbe.parseAll(text, all.value()));
  }

  private static Observed<SshdDump> dump(HostSnapshot s, String name) {
    Observed<SnapshotItem> item = SnapshotFacts.command(s, name);
    if (!item.isSeen()) {
      return Observed.unseen(item.reason());
    }
    return Observed.seen(SshdDump.parse(item.value().text(), item.value().exitStatus()));
  }
}
