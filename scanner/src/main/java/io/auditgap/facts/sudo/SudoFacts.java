package io.auditgap.facts.sudo;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.system.PackageState;
import io.auditgap.facts.system.SystemFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** sudo's presence, version and sudoers policy. */
public final class SudoFacts {
  public static final CollectionItem SUDOERS = new CollectionItem.File(SudoersResolver.MAIN);
  public static final CollectionItem SUDOERS_D =
      new CollectionItem.Directory(SudoersResolver.DROP_IN_DIR);

  /** What the sudo item prints instead of running {@code sudo -V}. */
  static final String FROM_DPKG = "# not run: /usr/bin/sudo is from a dpkg package";

  /**
   * {@code sudo -V} (only its first line, the version, is read; exit 127 when sudo is not
   * installed), except where the sudo on the collector's PATH is /usr/bin/sudo and dpkg lists a
   * sudo package's files: there the version is dpkg's (the packages item), and sudo is not started
   * (about 2.5 ms of the host's CPU: it loads its policy plugin to print that plugin's version).
   */
  public static final CollectionItem SUDO_V =
      CollectionItem.Command.quick(
          "sudo -V",
          "if { [ -f /var/lib/dpkg/info/sudo.list ] || [ -f /var/lib/dpkg/info/sudo-ldap.list ];"
              + " } && [ -x /usr/bin/sudo ] && [ ! -x /usr/local/sbin/sudo ] && [ ! -x"
              + " /usr/local/bin/sudo ] && [ ! -x /usr/sbin/sudo ]; then echo '"
              + FROM_DPKG
              + "'; return 0; fi; sudo -V");

  /** The installed sudo's version; empty when sudo is not installed. */
  public static final FactKey<Observed<Optional<SudoVersion>>> VERSION =
      new FactKey<>("sudo version", Set.of(SUDO_V, SystemFacts.PACKAGE_QUERY), SudoFacts::version);

  /** The sudoers policy; empty when /etc/sudoers does not exist. */
  public static final FactKey<Observed<Optional<SudoersPolicy>>> POLICY =
      new FactKey<>("sudoers", Set.of(SUDOERS, SUDOERS_D), SudoersResolver::resolve);

  private SudoFacts() {}

  /** The version of the installed sudo (or sudo-ldap) package, as dpkg lists it. */
  private static Observed<Optional<SudoVersion>> fromDpkg(HostSnapshot s) {
    Observed<Map<String, PackageState>> pkgs = SystemFacts.PACKAGES_STATE.derive().apply(s);
    if (!pkgs.isSeen()) {
      return Observed.unseen("sudo's version: sudo -V was not run and " + pkgs.reason());
    }
    for (String name : List.of("sudo", "sudo-ldap")) {
      PackageState p = pkgs.value().get(name);
      if (p != null && p.installed()) {
        Optional<SudoVersion> v = SudoVersion.ofPackage(name, p.version());
        if (v.isPresent()) {
          return Observed.seen(v);
        }
      }
    }
    return Observed.unseen("sudo's version: sudo -V was not run and dpkg lists no installed sudo");
  }

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
    if (it.exitStatus() == 0 && it.text().startsWith(FROM_DPKG)) {
      return fromDpkg(s);
    }
    Optional<SudoVersion> v = SudoVersion.parse(it.text());
    return v.isPresent()
        ? Observed.seen(v)
        : Observed.unseen("sudo -V printed no version (exit " + it.exitStatus() + ")");
  }
}
