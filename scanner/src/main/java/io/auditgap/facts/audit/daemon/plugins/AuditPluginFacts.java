package io.auditgap.facts.audit.daemon.plugins;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.system.PackageState;
import io.auditgap.facts.system.SystemFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * audisp plugins: which directory the installed audit version reads (3.x: {@code
 * /etc/audit/plugins.d}; 2.x: {@code /etc/audisp/plugins.d}), which plugins are active there, and
 * audisp-remote.conf. {@code /etc/audit} is 0750 root, so without root this is unseen.
 */
public final class AuditPluginFacts {
  public static final String AUDIT3_DIR = "/etc/audit/plugins.d";
  public static final String AUDIT2_DIR = "/etc/audisp/plugins.d";

  public static final CollectionItem AUDIT3_PLUGINS = new CollectionItem.Directory(AUDIT3_DIR);
  public static final CollectionItem AUDIT2_PLUGINS = new CollectionItem.Directory(AUDIT2_DIR);
  public static final CollectionItem AUDIT3_REMOTE =
      new CollectionItem.File("/etc/audit/audisp-remote.conf");
  public static final CollectionItem AUDIT2_REMOTE =
      new CollectionItem.File("/etc/audisp/audisp-remote.conf");
  public static final CollectionItem AUDITD_CONF =
      new CollectionItem.File("/etc/audit/auditd.conf");

  public static final FactKey<Observed<AuditPlugins>> PLUGINS =
      new FactKey<>("audit plugins", needs(), AuditPluginFacts::derive);

  private AuditPluginFacts() {}

  private static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>(SystemFacts.PACKAGES_STATE.needs());
    n.addAll(List.of(AUDIT3_PLUGINS, AUDIT2_PLUGINS, AUDIT3_REMOTE, AUDIT2_REMOTE, AUDITD_CONF));
    return n;
  }

  static Observed<AuditPlugins> derive(HostSnapshot s) {
    List<String> notes = new ArrayList<>();
    String dir = chooseDir(s, notes);
    Optional<SnapshotItem> listing = s.directory(dir);
    if (listing.isEmpty()) {
      return Observed.unseen(s.missingReason(dir));
    }
    SnapshotItem l = listing.get();
    if (l.exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(new AuditPlugins(dir, List.of(), null, remotePath(dir), notes));
    }
    if (l.problem() != null || l.exitStatus() != 0) {
      return Observed.unseen(
          l.problem() != null
              ? l.problem()
              : dir + ": could not be listed (" + l.exitStatus() + ")");
    }
    List<AuditPlugins.Plugin> plugins = new ArrayList<>();
    for (String entry : l.text().split("\n")) {
      int tab = entry.indexOf('\t');
      if (tab < 0 || !(entry.startsWith("f") || entry.startsWith("l"))) {
        continue;
      }
      String name = entry.substring(tab + 1);
      // auditd-plugins(5): names with more than one '.' are backups and skipped.
      if (name.chars().filter(c -> c == '.').count() > 1) {
        notes.add(dir + "/" + name + " is skipped by auditd (more than one '.' in the name)");
        continue;
      }
      String path = dir + "/" + name;
      Optional<SnapshotItem> f = s.file(path);
      if (f.isEmpty() || f.get().problem() != null) {
        return Observed.unseen(f.isEmpty() ? s.missingReason(path) : f.get().problem());
      }
      plugins.add(new AuditPlugins.Plugin(path, KeyValueConfig.parse(path, f.get().text())));
    }
    String rp = remotePath(dir);
    Optional<SnapshotItem> r = s.file(rp);
    KeyValueConfig remote = null;
    if (r.isPresent() && r.get().exitStatus() != SnapshotItem.ABSENT) {
      if (r.get().problem() != null) {
        return Observed.unseen(r.get().problem());
      }
      remote = KeyValueConfig.parse(rp, r.get().text());
    }
    return Observed.seen(new AuditPlugins(dir, plugins, remote, rp, notes));
  }

  private static String remotePath(String dir) {
    return dir.startsWith("/etc/audisp")
        ? "/etc/audisp/audisp-remote.conf"
        : "/etc/audit/audisp-remote.conf";
  }

  /** The plugin directory the installed audit version reads. */
  static String chooseDir(HostSnapshot s, List<String> notes) {
    Observed<Map<String, PackageState>> pkgs = SystemFacts.PACKAGES_STATE.derive().apply(s);
    String version = null;
    if (pkgs.isSeen()) {
      for (String n : List.of("auditd", "audit")) {
        PackageState p = pkgs.value().get(n);
        if (p != null && p.installed()) {
          version = p.version().replaceFirst("^\\d+:", "");
          break;
        }
      }
    }
    boolean audit2 = version != null && version.startsWith("2.");
    if (audit2) {
      notes.add("audit " + version + " (2.x): audispd reads " + AUDIT2_DIR);
      return AUDIT2_DIR;
    }
    Optional<SnapshotItem> conf = s.file("/etc/audit/auditd.conf");
    if (conf.isPresent() && conf.get().isComplete()) {
      KeyValueConfig c = KeyValueConfig.parse("/etc/audit/auditd.conf", conf.get().text());
      String pd = c.get("plugin_dir");
      if (!pd.isEmpty()) {
        String d = pd.endsWith("/") ? pd.substring(0, pd.length() - 1) : pd;
        if (!d.equals(AUDIT3_DIR)) {
          notes.add("auditd.conf plugin_dir = " + pd);
        }
        return d;
      }
    }
    if (version == null) {
      Optional<SnapshotItem> a3 = s.directory(AUDIT3_DIR);
      Optional<SnapshotItem> a2 = s.directory(AUDIT2_DIR);
      boolean has3 = a3.isPresent() && a3.get().exitStatus() != SnapshotItem.ABSENT;
      boolean has2 = a2.isPresent() && a2.get().exitStatus() == 0;
      if (!has3 && has2) {
        notes.add("audit version unknown; only " + AUDIT2_DIR + " exists");
        return AUDIT2_DIR;
      }
    }
    Optional<SnapshotItem> a2 = s.directory(AUDIT2_DIR);
    if (a2.isPresent() && a2.get().exitStatus() == 0 && !a2.get().text().isBlank()) {
      notes.add(AUDIT2_DIR + " exists but audit 3.x does not read it (left over from audit 2.x)");
    }
    return AUDIT3_DIR;
  }
}
