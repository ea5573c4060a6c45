package io.auditgap.facts.system;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Installed packages, binaries on PATH, running processes and service states. */
public final class SystemFacts {
  /**
   * Packages whose state checks ask about (Debian names, then RHEL/SUSE names), and sudo's (its
   * version where {@code sudo -V} is not run, see SudoFacts).
   */
  static final String PACKAGES = "auditd audit audispd-plugins audit-libs sudo sudo-ldap";

  /**
   * dpkg's answer without dpkg-query (which parses the same file, at about 7 ms of the host's CPU):
   * one awk reads /var/lib/dpkg/status and the pending updates dpkg has not merged into it yet (a
   * later stanza of a package wins, as in dpkg) and prints only the stanzas of {@link #PACKAGES},
   * as {@code dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\n'} would, sorted by
   * name, including a package other packages only name in a relationship field (dpkg knows it, as
   * {@code un} without a version): nothing else of the file leaves the host, however large it is.
   * It reads stanzas, not lines (RS = "", the blank line between stanzas): a stanza with neither
   * "audi" nor "sudo" in it, nearly all of them, is passed over after two index() calls, and only
   * the others are split into lines (1.5 ms of the host's CPU in place of 5 on a 700 KB status
   * file).
   */
  static final String DPKG_STATUS_AWK =
      "BEGIN { n = split(\""
          + PACKAGES
          + "\", w, \" \"); for (i = 1; i <= n; i++) want[w[i]] = 1;"
          + " split(\"unknown install hold deinstall purge\", a, \" \"); split(\"u i h r p\", b, \" \");"
          + " for (i = 1; i <= 5; i++) wa[a[i]] = b[i]; split(\"not-installed config-files"
          + " half-installed unpacked half-configured triggers-awaited triggers-pending installed\","
          + " a, \" \"); split(\"n c H U F W t i\", b, \" \"); for (i = 1; i <= 8; i++) st[a[i]] = b[i];"
          + " RS = \"\" }"
          + " function flush() { if (k) { q = p \":\" ar; v[q] = ver; s[q] = sa; seen[q] = 1 } k = 0 }"
          + " index($0, \"audi\") == 0 && index($0, \"sudo\") == 0 { next }"
          + " { n = split($0, L, \"\\n\"); for (li = 1; li <= n; li++) { l = L[li];"
          + " if (l ~ /^Package: /) { flush(); p = substr(l, 10); k = (p in want); ar = ver = sa ="
          + " \"\"; continue }"
          + " if (!k && index(l, \"audi\") == 0 && index(l, \"sudo\") == 0) continue;"
          + " if (l ~ /^(Pre-Depends|Depends|Recommends|Suggests|Breaks|Conflicts|Replaces|Provides"
          + "|Enhances): / && l ~ /audi|sudo/) { r = substr(l, index(l, \":\") + 1); for (q in want) if"
          + " (match(r, \"(^|[ ,|])\" q \"([ ,|:([]|$)\")) ref[q] = 1 }"
          + " if (!k) continue; if (l ~ /^Architecture: /) ar = substr(l, 15);"
          + " else if (l ~ /^Version: /) ver = substr(l, 10);"
          + " else if (l ~ /^Status: /) { split(substr(l, 9), f, \" \"); sa = wa[f[1]] st[f[3]]"
          + " (f[2] == \"ok\" ? \" \" : \"R\") } } flush() }"
          + " END { flush(); m = 0; for (q in seen) { o[++m] = q; sub(/:.*/, \"\", q); has[q] = 1 }"
          + " for (q in ref) if (!(q in has)) { o[++m] = q; s[q] = \"un \" } for (i = 2; i <= m; i++) for (j = i; j > 1"
          + " && o[j - 1] > o[j]; j--) { t = o[j]; o[j] = o[j - 1]; o[j - 1] = t } for (i = 1; i <= m;"
          + " i++) { q = o[i]; nm = q; sub(/:.*/, \"\", nm); print nm \"\\t\" v[q] \"\\t\" s[q] } }";

  /**
   * Installed packages: dpkg's database read by awk (above); rpm's through rpm itself, under the
   * collector's timeout ({@code ag_to}: rpm waits for its database lock). Only awk and rpm run, so
   * the item needs no wrapper of its own. {@code #dpkg}/{@code #rpm} end the list; an unreadable
   * dpkg database says so.
   */
  public static final CollectionItem PACKAGE_QUERY =
      CollectionItem.Command.quick(
          "packages",
          "d=/var/lib/dpkg; if [ -f $d/status ] && command -v awk >/dev/null 2>&1; then"
              + " [ -r $d/status ] || { echo '#dpkg-unreadable'; return 0; }; set -- $d/status;"
              + " for f in $d/updates/[0-9]*; do [ -f \"$f\" ] && [ -r \"$f\" ] && set -- \"$@\" \"$f\";"
              + " done; awk '"
              + DPKG_STATUS_AWK
              + "' \"$@\" 2>/dev/null; echo '#dpkg'; elif command -v dpkg-query >/dev/null 2>&1; then"
              + " $ag_to dpkg-query -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' "
              + PACKAGES
              + " 2>/dev/null; echo '#dpkg'; elif command -v rpm >/dev/null 2>&1; then $ag_to rpm -q"
              + " --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\trpm\\n' "
              + PACKAGES
              + " 2>/dev/null | grep -v 'is not installed'; echo '#rpm'; fi; return 0");

  public static final CollectionItem BINARIES =
      CollectionItem.Command.quick(
          "binaries",
          "for b in auditd auditctl augenrules ausearch aureport; do command -v \"$b\" >/dev/null"
              + " 2>&1 && printf '%s\\t' \"$b\" && command -v \"$b\"; done; return 0");

  /**
   * The name of every process, one per line, in /proc's order: from the collector's one pass over
   * /proc ({@code ag_procs}, "PID NAME" lines), shared with the items that look at processes.
   */
  public static final CollectionItem.Command PROCESSES =
      CollectionItem.Command.quick(
          "processes",
          "IFS=$ag_nl; set -f; for l in $ag_procs; do printf '%s\\n' \"${l#* }\"; done; return 0");

  public static final CollectionItem SYSTEMCTL_SHOW =
      CollectionItem.Command.bounded(
          "systemctl show auditd",
          "systemctl show -p Id,LoadState,ActiveState,SubState,UnitFileState,MainPID"
              + " auditd.service");

  /**
   * Read only where systemd is not running (ServiceStates): there {@code systemctl show} refuses,
   * and is-enabled still answers from the unit files. Where systemd runs ({@code
   * /run/systemd/system} exists, sd_booted(3)'s test) the show answers, so is-enabled is not
   * started: one systemctl fewer on every systemd host.
   */
  public static final CollectionItem SYSTEMCTL_ENABLED =
      CollectionItem.Command.bounded(
          "systemctl is-enabled auditd",
          "if [ -d /run/systemd/system ]; then echo '# not run: systemd is running, systemctl show"
              + " answers'; return 0; fi; systemctl is-enabled auditd");

  /**
   * The SysV and OpenRC boot links, as {@code ls -1} of the directories would list them (a header
   * per directory, one name per line, dangling links included), with built-ins: no process.
   */
  public static final CollectionItem SYSV_LINKS =
      CollectionItem.Command.quick(
          "boot links",
          "for d in /etc/rc2.d /etc/rc3.d /etc/rc5.d /etc/runlevels/default /etc/runlevels/boot;"
              + " do [ -d \"$d\" ] || continue; echo \"$d:\"; for f in \"$d\"/*; do"
              + " { [ -e \"$f\" ] || [ -L \"$f\" ]; } && printf '%s\\n' \"${f##*/}\"; done;"
              + " done; return 0");

  public static final CollectionItem INIT_COMM = new CollectionItem.File("/proc/1/comm");

  /** Package name → state; unseen when the host has neither dpkg nor rpm. */
  public static final FactKey<Observed<Map<String, PackageState>>> PACKAGES_STATE =
      new FactKey<>("packages", Set.of(PACKAGE_QUERY), SystemFacts::packages);

  /** Binary name → path for the audit tools found on PATH. */
  public static final FactKey<Observed<Map<String, String>>> BINARIES_FOUND =
      new FactKey<>("binaries", Set.of(BINARIES), SystemFacts::binaries);

  /** Names of running processes (from /proc/PID/comm). */
  public static final FactKey<Observed<Set<String>>> RUNNING =
      FactKey.ofCommand("processes", PROCESSES, i -> lines(i.text()));

  /** auditd's service state, from systemd when it runs, else from processes and boot links. */
  public static final FactKey<Observed<ServiceState>> AUDITD_SERVICE =
      new FactKey<>(
          "auditd service",
          Set.of(SYSTEMCTL_SHOW, SYSTEMCTL_ENABLED, PROCESSES, SYSV_LINKS, INIT_COMM),
          s -> ServiceStates.of(s, "auditd"));

  private SystemFacts() {}

  static Observed<Map<String, PackageState>> packages(HostSnapshot s) {
    Observed<SnapshotItem> item = SnapshotFacts.command(s, "packages");
    if (!item.isSeen()) {
      return Observed.unseen(item.reason());
    }
    String text = item.value().text();
    if (text.contains("#dpkg-unreadable")) {
      return Observed.unseen("the dpkg database /var/lib/dpkg/status cannot be read");
    }
    if (!text.contains("#dpkg") && !text.contains("#rpm")) {
      return Observed.unseen("no package manager (dpkg or rpm) found on the host");
    }
    Map<String, PackageState> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 3 && !f[0].isBlank()) {
        m.put(f[0], new PackageState(f[0], f[1], f[2].strip()));
      }
    }
    return Observed.seen(m);
  }

  static Observed<Map<String, String>> binaries(HostSnapshot s) {
    return SnapshotFacts.command(s, "binaries")
        .map(
            i -> {
              Map<String, String> m = new LinkedHashMap<>();
              for (String line : i.text().split("\n")) {
                String[] f = line.split("\t", 2);
                if (f.length == 2 && f[1].startsWith("/")) {
                  m.put(f[0], f[1]);
                }
              }
              return m;
            });
  }

  static Set<String> lines(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String l : text.split("\n")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  static Optional<String> firstLine(SnapshotItem item) {
    for (String l : item.text().split("\n")) {
      if (!l.isBlank()) {
        return Optional.of(l.strip());
      }
    }
    return Optional.empty();
  }
}
