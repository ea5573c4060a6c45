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
  /** Packages whose state checks ask about (Debian names, then RHEL/SUSE names). */
  static final String PACKAGES = "auditd audit audispd-plugins audit-libs";

  public static final CollectionItem PACKAGE_QUERY =
      CollectionItem.Command.bounded(
          "packages",
          "if command -v dpkg-query >/dev/null 2>&1; then dpkg-query -W"
              + " -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' "
              + PACKAGES
              + " 2>/dev/null; echo '#dpkg'; elif command -v rpm >/dev/null 2>&1; then rpm -q --qf"
              + " '%{NAME}\\t%{VERSION}-%{RELEASE}\\trpm\\n' "
              + PACKAGES
              + " 2>/dev/null | grep -v 'is not installed'; echo '#rpm'; fi; exit 0");
  public static final CollectionItem BINARIES =
      CollectionItem.Command.quick(
          "binaries",
          "for b in auditd auditctl augenrules ausearch aureport; do p=$(command -v \"$b\") &&"
              + " printf '%s\\t%s\\n' \"$b\" \"$p\"; done; exit 0");
  public static final CollectionItem.Command PROCESSES =
      CollectionItem.Command.quick(
          "processes",
          "for f in /proc/[0-9]*/comm; do IFS= read -r c < \"$f\" && printf '%s\\n' \"$c\"; done"
              + " 2>/dev/null; exit 0");
  public static final CollectionItem SYSTEMCTL_SHOW =
      CollectionItem.Command.bounded(
          "systemctl show auditd",
          "systemctl show -p Id,LoadState,ActiveState,SubState,UnitFileState,MainPID"
              + " auditd.service");
  public static final CollectionItem SYSTEMCTL_ENABLED =
      CollectionItem.Command.bounded("systemctl is-enabled auditd", "systemctl is-enabled auditd");
  public static final CollectionItem SYSV_LINKS =
      CollectionItem.Command.quick(
          "boot links",
          "ls -1 /etc/rc2.d /etc/rc3.d /etc/rc5.d /etc/runlevels/default /etc/runlevels/boot"
              + " 2>/dev/null; exit 0");
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
      return Observed.unseen(((Observed.Unseen<SnapshotItem>) item).reason());
    }
    String text = item.value().text();
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
